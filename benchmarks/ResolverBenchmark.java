// The Java side of benchmarks/resolver.sh: times the index, its cache, the resolver and completion
// on this host's apt lists. Run by the script as a single-file program against the built bundle:
//   java -cp org.vsestudio.packages.jar:xz.jar benchmarks/ResolverBenchmark.java MODE ...
// Modes (each in a fresh JVM, so that "first" times are cold-JVM times):
//   load                          read the apt lists once: the cold load
//   cache DIR                     write the binary cache to DIR (once), then time reading it in this JVM
//   resolve BASE OUT NAMES...     resolve NAMES (+ the BASE system) RUNS times; write the closure to OUT
//                                 and the base system's names to OUT.base
//   explain OUT APT NAMES...      for the packages only we or only apt install, say why
//   complete                      completion and nearest-name lookups over all names
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.vsestudio.packages.AptLists;
import org.vsestudio.packages.BaseSystem;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.DebianPackage;
import org.vsestudio.packages.Dependency;
import org.vsestudio.packages.PackageRequirement;
import org.vsestudio.packages.PackagesFile;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;

public class ResolverBenchmark {

    static String release = System.getProperty("release", "bookworm");
    static String arch = System.getProperty("arch", "amd64");
    static int runs = Integer.getInteger("runs", 10);

    public static void main(String[] args) throws Exception {
        List<PackagesFile> files = AptLists.host().select(release, arch).files();
        switch (args[0]) {
            case "load" -> {
                long t = System.nanoTime();
                DebianIndex index = DebianIndex.load(release, arch, files, Progress.NONE);
                double first = ms(t);
                double best = Double.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    t = System.nanoTime();
                    DebianIndex.load(release, arch, files, Progress.NONE);
                    best = Math.min(best, ms(t));
                }
                System.out.printf("index from the apt lists: %d packages, %d names; cold (first in a new JVM) %.0f ms, warm best %.0f ms%n",
                        index.size(), index.names().size(), first, best);
            }
            case "cache" -> {
                Path dir = Path.of(args[1]);
                String key = DebianIndex.cacheKey(release, arch, files);
                Path file = dir.resolve("bench-index.bin");
                if (DebianIndex.readCache(file, key) == null) {
                    DebianIndex.load(release, arch, files, Progress.NONE).writeCache(file, key);
                    System.out.printf("cache written: %s (%.1f MB); run again for a cold read%n", file, Files.size(file) / 1e6);
                    return;
                }
                long t = System.nanoTime();
                DebianIndex index = DebianIndex.readCache(file, key);
                double first = ms(t);
                double best = Double.MAX_VALUE;
                for (int i = 0; i < 5; i++) {
                    t = System.nanoTime();
                    DebianIndex.readCache(file, key);
                    best = Math.min(best, ms(t));
                }
                System.out.printf("index from its cache (%.1f MB): %d packages; cold (first in a new JVM) %.0f ms, warm best %.0f ms%n",
                        Files.size(file) / 1e6, index.size(), first, best);
            }
            case "resolve" -> {
                DebianIndex index = DebianIndex.load(release, arch, files, Progress.NONE);
                BaseSystem base = BaseSystem.valueOf(args[1].toUpperCase());
                List<PackageRequirement> reqs = new ArrayList<>();
                for (String n : Arrays.asList(args).subList(3, args.length)) {
                    reqs.add(PackageRequirement.parse(n, n));
                }
                ResolveRequest request = ResolveRequest.of(reqs).withBase(base);
                long t = System.nanoTime();
                Resolution r = index.resolver().resolve(request);
                double first = ms(t);
                double[] times = new double[runs];
                for (int i = 0; i < runs; i++) {
                    t = System.nanoTime();
                    r = index.resolver().resolve(request);
                    times[i] = ms(t);
                }
                Arrays.sort(times);
                if (!r.ok()) {
                    r.problems().forEach(p -> System.out.println("problem: " + p.message()));
                }
                StringBuilder out = new StringBuilder();
                r.closure().forEach(p -> out.append(p.name()).append(' ').append(p.version()).append('\n'));
                Files.writeString(Path.of(args[2]), out);
                Files.writeString(Path.of(args[2] + ".base"), String.join("\n", index.baseNames(base)) + "\n");
                System.out.printf("resolve: %d packages (base %s: %d names); first %.1f ms, warm median %.1f ms, best %.1f ms%n",
                        r.closure().size(), args[1], index.baseNames(base).size(), first, times[runs / 2], times[0]);
            }
            case "explain" -> {
                DebianIndex index = DebianIndex.load(release, arch, files, Progress.NONE);
                Set<String> ours = names(Path.of(args[1]));
                Set<String> apt = names(Path.of(args[2]));
                List<PackageRequirement> reqs = new ArrayList<>();
                for (String n : Arrays.asList(args).subList(3, args.length)) {
                    reqs.add(PackageRequirement.parse(n, n));
                }
                Resolution r = index.resolver().resolve(ResolveRequest.of(reqs).withBase(BaseSystem.NONE));
                for (String n : ours) {
                    if (!apt.contains(n)) {
                        System.out.println("  only ours: " + n + " — " + (r.why(n).isEmpty() ? "asked for" : r.why(n)));
                    }
                }
                for (String n : apt) {
                    if (!ours.contains(n)) {
                        List<String> by = new ArrayList<>();
                        for (String m : apt) {
                            DebianPackage p = index.candidate(m);
                            if (p == null) {
                                continue;
                            }
                            List<List<Dependency>> clauses = new ArrayList<>(p.preDepends());
                            clauses.addAll(p.depends());
                            clauses.addAll(p.recommends());
                            for (List<Dependency> c : clauses) {
                                if (c.stream().anyMatch(d -> d.name().equals(n))) {
                                    String chosen = c.stream().map(Dependency::name).filter(ours::contains).findFirst().orElse("nothing");
                                    by.add(p.name() + " needs " + c + " (we took " + chosen + ")");
                                }
                            }
                        }
                        System.out.println("  only apt's: " + n + " — " + (by.isEmpty() ? "asked for" : String.join("; ", by)));
                    }
                }
            }
            case "complete" -> {
                DebianIndex index = DebianIndex.load(release, arch, files, Progress.NONE);
                List<String> prefixes = List.of("lib", "python3-", "openmpi", "x", "libopenmpi-d", "zzz");
                double worst = 0;
                for (int round = 0; round < 5; round++) {
                    for (String p : prefixes) {
                        long t = System.nanoTime();
                        index.complete(p, 50);
                        worst = round == 0 ? worst : Math.max(worst, ms(t));
                    }
                }
                double near = 0;
                long t;
                for (int round = 0; round < 3; round++) {
                    t = System.nanoTime();
                    index.nearestNames("opnempi-bin", 3);
                    near = ms(t);
                }
                System.out.printf("completion over %d names: worst %.2f ms for 50 entries with descriptions and versions (after the first round); nearest names %.0f ms%n",
                        index.names().size(), worst, near);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static Set<String> names(Path file) throws Exception {
        Set<String> s = new TreeSet<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                s.add(l.split(" ")[0]);
            }
        }
        return s;
    }

    static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
