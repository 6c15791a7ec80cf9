package org.vsestudio.packages;

/** Which packages an image has besides the ones asked for (as debootstrap's and mmdebstrap's variants). */
public enum BaseSystem {
    /** only what was asked for and its dependencies ({@code apt-get install} on an empty system) */
    NONE,
    /** the packages marked {@code Essential: yes} */
    ESSENTIAL,
    /** the essential packages and those of {@code Priority: required} (a minimal bootable image) */
    REQUIRED,
    /** also those of {@code Priority: important} */
    IMPORTANT
}
