package org.vsestudio.dsl.evaluation;

/**
 * A {@code conflicts NAME} of an effective package list: no version of the package may be
 * installed.
 *
 * @param name the package name
 * @param declaredBy the name of the package set that declares the conflict, or empty when it
 *        is written in an inline set
 * @param origin where {@code conflicts NAME} is written
 * @param addedBy the element that brought the conflict into the list (see
 *        {@link PackageRequirement#addedBy()})
 */
public record ConflictingPackage(String name, String declaredBy, Origin origin, Origin addedBy) {
}
