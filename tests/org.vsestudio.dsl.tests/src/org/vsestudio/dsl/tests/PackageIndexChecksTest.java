package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.validation.Finding;
import org.vsestudio.dsl.validation.IssueCodes;
import org.vsestudio.dsl.validation.PackageIndexChecks;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.PackageSetReference;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.RepositoryIndex;

/** The checks of an environment's packages against a (small, in-memory) repository index. */
class PackageIndexChecksTest {

	/** A repository of a few packages; nearest names by edit distance. */
	record SmallIndex(Map<String, List<String>> packages) implements RepositoryIndex {
		@Override
		public String distribution() {
			return "debian";
		}

		@Override
		public String release() {
			return "bookworm";
		}

		@Override
		public String architecture() {
			return "amd64";
		}

		@Override
		public List<DebianVersion> versions(String packageName) {
			return packages.getOrDefault(packageName, List.of()).stream().map(DebianVersion::parse)
					.sorted(Comparator.reverseOrder()).toList();
		}

		@Override
		public List<String> nearestNames(String name, int max) {
			return packages.keySet().stream().filter(n -> distance(n, name) <= 3)
					.sorted(Comparator.comparingInt((String n) -> distance(n, name)).thenComparing(n -> n)).limit(max)
					.toList();
		}

		private static int distance(String a, String b) {
			int[] row = new int[b.length() + 1];
			for (int j = 0; j <= b.length(); j++) {
				row[j] = j;
			}
			for (int i = 1; i <= a.length(); i++) {
				int diagonal = row[0];
				row[0] = i;
				for (int j = 1; j <= b.length(); j++) {
					int above = row[j];
					row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
							diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
					diagonal = above;
				}
			}
			return row[b.length()];
		}
	}

	private static final SmallIndex INDEX = new SmallIndex(Map.of(
			"openmpi-bin", List.of("4.1.4-3", "4.1.2-1"),
			"htop", List.of("3.2.2-2"),
			"python3-scipy", List.of("1.10.1-2"),
			"munge", List.of("0.5.15-2")));

	@Test
	void unknownPackagesSuggestTheNearestNames() {
		List<Finding> findings = check("environment e { packages { htopp munge no-such-package-xyz libc6:i386 } }");
		assertEquals(2, findings.size(), findings::toString);
		Finding typo = findings.get(0);
		assertEquals(IssueCodes.UNKNOWN_PACKAGE, typo.code());
		assertEquals("Package 'htopp' does not exist in debian bookworm (amd64). Did you mean 'htop'?", typo.message());
		assertEquals(List.of("htop"), typo.data());
		assertTrue(typo.parts().get(0).element() instanceof Requirement);
		assertEquals("Package 'no-such-package-xyz' does not exist in debian bookworm (amd64).", findings.get(1).message());
		assertEquals(List.of(), findings.get(1).data());
	}

	@Test
	void constraintsNoAvailableVersionSatisfies() {
		List<Finding> findings = check("""
				packageset mpi { openmpi-bin >= 99.0 }
				environment e {
				    packages mpi
				    packages += { htop = 3.2.2-2  python3-scipy (>= 1.10 & < 1.12)  munge < 0.5 }
				}
				""");
		assertEquals(2, findings.size(), findings::toString);
		Finding mpi = findings.get(0);
		assertEquals(IssueCodes.NO_AVAILABLE_VERSION, mpi.code());
		assertEquals("No available version of 'openmpi-bin' (required by package set 'mpi', " + mpi.parts().get(0).describe()
				+ ") satisfies >= 99.0: debian bookworm (amd64) has 4.1.4-3, 4.1.2-1.", mpi.message());
		assertEquals(1, mpi.parts().get(0).line());
		assertTrue(mpi.parts().stream().anyMatch(p -> p.element() instanceof PackageSetReference), mpi::toString);
		assertTrue(findings.get(1).message().startsWith("No available version of 'munge' satisfies < 0.5"),
				findings.get(1)::message);
	}

	@Test
	void theSameProblemHasTheSameKeyInABaseAndItsChild() {
		Model model = Parsing.parseValid("""
				environment base { packages { htopp } }
				environment child extends base { packages += { munge } }
				""");
		Evaluator evaluator = new Evaluator();
		List<Finding> base = PackageIndexChecks
				.check(evaluator.evaluate(EvaluatorTest.declaration(model, Environment.class, "base")), INDEX);
		List<Finding> child = PackageIndexChecks
				.check(evaluator.evaluate(EvaluatorTest.declaration(model, Environment.class, "child")), INDEX);
		assertEquals(base.stream().map(Finding::key).toList(), child.stream().map(Finding::key).toList());
	}

	private static List<Finding> check(String text) {
		Model model = Parsing.parseValid(text);
		Environment environment = (Environment) model.getDeclarations().get(model.getDeclarations().size() - 1);
		EffectiveEnvironment effective = new Evaluator().evaluate(environment);
		return PackageIndexChecks.check(effective, INDEX);
	}
}
