package org.vsestudio.dsl.ide.contentassist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.vsestudio.dsl.index.HostIndexProvider;
import org.vsestudio.dsl.services.VseGrammarAccess;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.VersionConstraint;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.PackageSummary;
import org.vsestudio.packages.RepositoryIndex;

import com.google.inject.Inject;

/**
 * Completion of the VSE language: besides keywords and references, the package names of the
 * repository index where a package name is expected (a requirement, {@code conflicts NAME},
 * {@code reserved packages}), each with its short description, and the available versions
 * of the package after a version operator.
 *
 * <p>The index is the one of the environment the text is in (as validation has it); in a
 * package set, or an environment that names no repository, it is the building host's index
 * for the set's or environment's release and architecture, by default
 * {@value HostIndexProvider#DEFAULT_RELEASE} and {@value HostIndexProvider#DEFAULT_ARCHITECTURE}.
 *
 * <p>Package names are proposed after the keywords and references, as many as the client
 * takes (the list is then marked incomplete, so that the client asks again as the user
 * types).
 */
public class VseContentProposalProvider extends IdeContentProposalProvider {

	/** At most this many package names per completion. */
	private static final int MAX_NAMES = 100;

	@Inject
	private VseGrammarAccess grammar;

	@Inject
	private PackageIndexLookup indexLookup;

	/** The package proposals of the completion in progress, accepted after the others. */
	private final ThreadLocal<List<ContentAssistEntry>> packages = new ThreadLocal<>();

	@Override
	public void createProposals(Collection<ContentAssistContext> contexts, IIdeContentProposalAcceptor acceptor) {
		List<ContentAssistEntry> later = new ArrayList<>();
		packages.set(later);
		try {
			super.createProposals(contexts, acceptor);
		} finally {
			packages.remove();
		}
		Set<String> seen = new LinkedHashSet<>();
		for (ContentAssistEntry entry : later) {
			if (!acceptor.canAcceptMoreProposals()) {
				return;
			}
			if (seen.add(entry.getProposal())) {
				acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
			}
		}
	}

	@Override
	protected void _createProposals(Assignment assignment, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		if (isPackageName(assignment)) {
			proposePackageNames(context);
		} else if (assignment == grammar.getVersionConstraintAccess().getVersionAssignment_1()) {
			proposeVersions(context, acceptor);
		} else {
			super._createProposals(assignment, context, acceptor);
		}
	}

	private boolean isPackageName(Assignment assignment) {
		return assignment == grammar.getRequirementAccess().getPackageNameAssignment_0()
				|| assignment == grammar.getPackageConflictAccess().getPackageNameAssignment_1()
				|| assignment == grammar.getReservedPackagesAccess().getPackagesAssignment_2()
				|| assignment == grammar.getReservedPackagesAccess().getPackagesAssignment_3_1();
	}

	private void proposePackageNames(ContentAssistContext context) {
		List<ContentAssistEntry> later = packages.get();
		Optional<RepositoryIndex> index = index(context);
		if (later == null || index.isEmpty()) {
			return;
		}
		for (PackageSummary summary : index.get().complete(context.getPrefix(), MAX_NAMES)) {
			ContentAssistEntry entry = getProposalCreator().createProposal(summary.name(), context, e -> {
				e.setKind(ContentAssistEntry.KIND_MODULE);
				e.setDescription(summary.description());
				e.setDocumentation(documentation(summary));
			});
			if (entry != null) {
				later.add(entry);
			}
		}
	}

	private static String documentation(PackageSummary summary) {
		if (summary.virtual()) {
			return summary.name() + ": " + summary.description() + ".";
		}
		return summary.name() + ": " + summary.description() + "\nVersions: "
				+ summary.versions().stream().map(DebianVersion::toString).collect(Collectors.joining(", "));
	}

	private void proposeVersions(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		Requirement requirement = requirement(context.getCurrentModel());
		if (requirement == null) {
			requirement = requirement(context.getPreviousModel());
		}
		if (requirement == null || requirement.getPackageName() == null) {
			return;
		}
		String name = requirement.getPackageName();
		Optional<RepositoryIndex> index = index(context);
		if (index.isEmpty()) {
			return;
		}
		for (DebianVersion version : index.get().versions(name)) {
			ContentAssistEntry entry = getProposalCreator().createProposal(version.toString(), context, e -> {
				e.setKind(ContentAssistEntry.KIND_VALUE);
				e.setDescription("a version of " + name + " in " + index.get().distribution() + " " + index.get().release());
			});
			if (entry != null) {
				acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
			}
		}
	}

	private static Requirement requirement(EObject model) {
		if (model instanceof VersionConstraint c && c.eContainer() instanceof Requirement r) {
			return r;
		}
		return model instanceof Requirement r ? r : null;
	}

	/** @return the index of the environment the completion is in, or the host's for the set's or the default release */
	private Optional<RepositoryIndex> index(ContentAssistContext context) {
		return indexLookup.index(context.getCurrentModel());
	}
}
