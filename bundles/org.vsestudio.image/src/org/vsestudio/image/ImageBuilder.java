package org.vsestudio.image;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.LockFile.LockedPackage;
import org.vsestudio.packages.Repository;

/**
 * Builds the images of a locked environment with the host's Debian tools, in layers that a
 * content-addressed {@link LayerCache} keeps:
 *
 * <ol>
 * <li>the <b>package layer</b>, keyed by the lock's packages: {@code mmdebstrap} installs
 * exactly the locked versions, starting from the largest cached layer whose packages are all
 * in the lock (the first layer of a distribution is its base system), so that adding one
 * package installs one package;</li>
 * <li>the <b>configuration layer</b>, keyed by the package layer, the steps and the content
 * of the files they copy: the steps run in order inside the image, then the image gets its
 * readiness report, first-boot SSH keys, network and {@code fstab};</li>
 * <li>the <b>image</b>: an ext4 root file system made without mounting anything
 * ({@code mkfs.ext4 -d}), converted to qcow2, with the kernel and initrd for direct boot, an
 * SBOM and a manifest; for disk-less deployments also the read-only squashfs root and the
 * small private read-write part.</li>
 * </ol>
 *
 * Times come from the lock ({@code SOURCE_DATE_EPOCH}), identifiers from the layer keys, and
 * nothing machine-specific stays in the image, so two cold builds of one lock give the same
 * digest. Everything is written below the cache's work folder and renamed into place.
 */
public final class ImageBuilder {

    /** The version of the recipe the keys are made of: change it when the image content changes for the same inputs. */
    static final String FORMAT = "vse-image 5";

    private final LayerCache cache;
    private final HostTools tools;

    public ImageBuilder(LayerCache cache) {
        this(cache, new HostTools());
    }

    public ImageBuilder(LayerCache cache, HostTools tools) {
        this.cache = cache;
        this.tools = tools;
    }

    public LayerCache cache() {
        return cache;
    }

    /**
     * Builds {@code recipe} into {@code out} (replaced as a whole, never left half-written).
     *
     * @throws ImageBuildException for anything the user can act on (a missing tool, a failing
     *         step, packages that could not be installed as locked)
     * @throws CancellationException if {@code progress} was canceled; nothing is left behind
     */
    public BuiltImage build(ImageRecipe recipe, Path out, BuildProgress progress) throws ImageBuildException, IOException {
        long started = System.nanoTime();
        checkHost(recipe);
        LockFile lock = recipe.lock();
        long epoch = lock.sourceDateEpoch();
        progress.task("Computing the layer keys of " + recipe.name());
        String packageKey = packageKey(lock);
        String imageKey = imageKey(recipe, packageKey);
        List<BuiltImage.Layer> layers = new ArrayList<>();

        try (FileLock held = cache.lock()) {
            cache.removeAbandonedWork(progress);
            Path cachedImage = cache.image(imageKey);
            if (Files.isRegularFile(cachedImage.resolve("manifest.json"))) {
                progress.task("The image of " + recipe.name() + " is in the cache");
                LayerCache.touch(cachedImage);
                LayerCache.touch(cache.packageLayer(packageKey));
                layers.add(new BuiltImage.Layer("packages", packageKey, "cached"));
                layers.add(new BuiltImage.Layer("configuration", imageKey, "cached"));
                return publish(cachedImage, out, layers, started);
            }
            Path work = cache.newWork();
            Files.writeString(work.resolve("active"), "");
            try {
                BuiltImage built = buildInto(recipe, work, packageKey, imageKey, epoch, layers, progress);
                LayerCache.commit(work.resolve("image"), cachedImage);
                return publish(cachedImage, out, layers, started, built.kernelCommandLine());
            } finally {
                WorkDirectories.deleteInBackground(work);
            }
        }
    }

    private BuiltImage publish(Path entry, Path out, List<BuiltImage.Layer> layers, long started) throws IOException {
        Manifest m = Manifest.read(entry.resolve("manifest.json"));
        return publish(entry, out, layers, started, m.kernelCommandLine());
    }


    private BuiltImage publish(Path entry, Path out, List<BuiltImage.Layer> layers, long started, String commandLine) throws IOException {
        double seconds = (System.nanoTime() - started) / 1e9;
        Path target = out.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path fresh = target.resolveSibling("." + target.getFileName() + ".new-" + ProcessHandle.current().pid());
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
        WorkDirectories.delete(fresh);
        WorkDirectories.delete(old);
        Files.createDirectories(fresh);
        try (Stream<Path> files = Files.list(entry)) {
            for (Path f : files.toList()) {
                Path to = fresh.resolve(f.getFileName());
                try {
                    Files.createLink(to, f);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        WorkDirectories.delete(old);
        Manifest m = Manifest.read(target.resolve("manifest.json"));
        Map<String, Path> artifacts = new LinkedHashMap<>();
        m.artifacts().forEach((role, name) -> artifacts.put(role, target.resolve(name)));
        artifacts.put("manifest", target.resolve("manifest.json"));
        return new BuiltImage(m.digest(), target, artifacts, commandLine, layers, seconds);
    }

    private void checkHost(ImageRecipe recipe) throws ImageBuildException {
        List<String> missing = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        List<String[]> needed = new ArrayList<>(List.of(new String[] {"mmdebstrap", "mmdebstrap"}, new String[] {"mkfs.ext4", "e2fsprogs"},
                new String[] {"debugfs", "e2fsprogs"}, new String[] {"qemu-img", "qemu-utils"}));
        if (recipe.diskless()) {
            needed.add(new String[] {"mksquashfs", "squashfs-tools"});
        }
        for (String[] t : needed) {
            if (tools.find(t[0]).isEmpty()) {
                missing.add(t[0]);
                if (!packages.contains(t[1])) {
                    packages.add(t[1]);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ImageBuildException("Building images needs " + String.join(", ", missing) + ", which this host does not have; install "
                    + "the Debian package" + (packages.size() == 1 ? " " : "s ") + String.join(" ", packages) + ".");
        }
        if (!isRoot()) {
            throw new ImageBuildException("Building images needs root for now (mmdebstrap installs the packages as root, "
                    + "and the image keeps their owners); run the build with sudo.");
        }
        if (!recipe.lock().architecture().equals(hostArchitecture())) {
            throw new ImageBuildException("The environment is for " + recipe.lock().architecture() + " but this host is "
                    + hostArchitecture() + "; building for another architecture is not supported yet.");
        }
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String hostArchitecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** The key of the package layer: the distribution, the repositories and every locked package, exactly. */
    static String packageKey(LockFile lock) {
        StringBuilder b = new StringBuilder(FORMAT).append(" packages\n");
        b.append(distributionLine(lock)).append('\n');
        for (LockedPackage p : lock.packages()) {
            b.append(p.name()).append(' ').append(p.version()).append(' ').append(p.architecture()).append(' ').append(p.sha256()).append('\n');
        }
        return Digests.of(b.toString());
    }

    /** The distribution, architecture and repositories of a lock: layers are only stacked on layers of the same line. */
    static String distributionLine(LockFile lock) {
        TreeSet<String> repos = new TreeSet<>();
        lock.packages().forEach(p -> repos.add(sourceLine(p.repository())));
        return lock.distribution() + " " + lock.release() + " " + lock.architecture() + " | " + String.join(" | ", repos);
    }

    private static String sourceLine(Repository r) {
        return "deb " + r.uri() + " " + r.suite() + " " + r.component();
    }

    /** The key of the configuration layer and the image: the package layer, every step and what it copies, the boot line. */
    static String imageKey(ImageRecipe recipe, String packageKey) throws IOException {
        StringBuilder b = new StringBuilder(FORMAT).append(" image\n");
        b.append("packages ").append(packageKey).append('\n');
        b.append("epoch ").append(recipe.lock().sourceDateEpoch()).append('\n');
        b.append("name ").append(recipe.name()).append('\n');
        for (ConfigStep s : recipe.steps()) {
            b.append(s.canonical().replace('\n', ' ')).append('\n');
            if (s instanceof ConfigStep.Copy c) {
                b.append("  content ").append(Digests.ofTree(c.source())).append('\n');
            }
        }
        b.append("boot ").append(recipe.bootOptions()).append('\n');
        b.append("diskless ").append(recipe.diskless()).append('\n');
        return Digests.of(b.toString());
    }

    private BuiltImage buildInto(ImageRecipe recipe, Path work, String packageKey, String imageKey, long epoch,
            List<BuiltImage.Layer> layers, BuildProgress progress) throws ImageBuildException, IOException {
        LockFile lock = recipe.lock();
        Path root = work.resolve("root");
        Path hooks = Files.createDirectories(work.resolve("hooks"));
        Path image = Files.createDirectories(work.resolve("image"));
        Files.writeString(work.resolve("sources.list"), sourcesList(lock));
        Files.writeString(work.resolve("expected.txt"), expectedPackages(lock));

        Optional<LayerCache.PackageLayer> exact = Files.isRegularFile(cache.packageLayer(packageKey).resolve("layer.tar"))
                ? Optional.of(new LayerCache.PackageLayer(packageKey, cache.packageLayer(packageKey), java.util.Set.of()))
                : Optional.empty();
        java.util.Set<String> wanted = new java.util.HashSet<>(packageLines(lock));
        Optional<LayerCache.PackageLayer> parent = exact.isPresent() ? exact : cache.bestParent(distributionLine(lock), wanted);

        List<String> command = new ArrayList<>(List.of(tools.find("mmdebstrap").orElseThrow().toString(), "--mode=root", "--format=directory",
                "--variant=custom", "--architectures=" + lock.architecture(), "--aptopt=Acquire::Retries \"3\"",
                // dpkg need not sync every file it unpacks into a tree that is thrown away if the build fails
                "--dpkgopt=force-unsafe-io"));
        List<String> delta = new ArrayList<>();
        String quotedWork = Shell.quote(work.toString());
        if (parent.isPresent()) {
            LayerCache.touch(parent.get().folder());
            StringBuilder unpack = new StringBuilder("echo \"VSE-STEP layer\"\n");
            for (LayerCache.PackageLayer layer : cache.chain(parent.get())) {
                unpack.append("tar -C \"$1\" --xattrs --xattrs-include='*' --numeric-owner -xpf ").append(Shell.quote(layer.tar().toString()))
                        .append('\n');
                unpack.append("(cd \"$1\" && tr '\\n' '\\0' < ").append(Shell.quote(layer.folder().resolve("deleted.txt").toString()))
                        .append(" | xargs -0r rm -rf --)\n");
            }
            // what changes after this moment belongs to the new layer
            unpack.append("touch ").append(quotedWork).append("/unpacked\n");
            command.add("--setup-hook=" + script(hooks, "00-layer", unpack.toString()));
            for (LockedPackage p : lock.packages()) {
                if (!parent.get().packages().contains(packageLine(p)) && exact.isEmpty()) {
                    delta.add(p.name() + "=" + p.version());
                }
            }
        } else {
            List<String> all = lock.packages().stream().map(p -> p.name() + "=" + p.version()).toList();
            command.add("--include=" + String.join(",", all));
        }
        boolean saveLayer = exact.isEmpty();
        Path layerOut = work.resolve("layer");
        StringBuilder packages = new StringBuilder("echo \"VSE-STEP packages\"\n");
        if (!delta.isEmpty()) {
            packages.append("chroot \"$1\" apt-get install -y -q --no-install-recommends --allow-downgrades ")
                    .append(String.join(" ", delta.stream().map(Shell::quote).toList())).append('\n');
        }
        // the image keeps dpkg's defaults
        packages.append("rm -f \"$1/etc/dpkg/dpkg.cfg.d/99mmdebstrap\"\n");
        packages.append("""
                chroot "$1" dpkg-query -W -f '${db:Status-Abbrev} ${Package} ${Version} ${Architecture}\\n' \\
                    | awk '$1 == "ii" { print $2, $3, $4 }' | LC_ALL=C sort > %1$s/installed.txt
                if ! cmp -s %1$s/installed.txt %1$s/expected.txt; then
                    echo "The installed packages differ from the lock:"
                    diff %1$s/expected.txt %1$s/installed.txt | grep '^[<>]' | head -20
                    exit 1
                fi
                """.formatted(quotedWork));
        if (saveLayer) {
            // the layer: the whole tree, or (on a parent) what changed since the parent was unpacked and what
            // went away; never the apt lists and downloads, the mounted file systems, or mmdebstrap's
            // stand-ins for start-stop-daemon and policy-rc.d
            String prune = "\\( -path './var/lib/apt/lists/*_*' -o -path './var/cache/apt/archives/*.deb' -o -path './var/cache/apt/*.bin'"
                    + " -o -path ./usr/sbin/start-stop-daemon -o -path ./usr/sbin/policy-rc.d \\) -prune";
            String options = "--xattrs --xattrs-include='*' --numeric-owner --one-file-system --warning=no-file-changed"
                    + " --transform='s,^\\./usr/sbin/start-stop-daemon\\.REAL$,./usr/sbin/start-stop-daemon,'";
            String layer = Shell.quote(layerOut.toString());
            packages.append("mkdir -p %1$s\ncd \"$1\"\n".formatted(layer));
            packages.append(("find . -xdev " + prune + " -o -print | LC_ALL=C sort > %1$s/files.txt\n").formatted(layer));
            if (parent.isPresent()) {
                // find lists a folder before what is in it, so that unpacking gives folders their recorded times
                packages.append(("find . -xdev " + prune + " -o -cnewer %2$s/unpacked -print0 | tar " + options
                        + " --no-recursion --null -T - -cf %1$s/layer.tar || [ $? -eq 1 ]\n").formatted(layer, quotedWork));
                packages.append("LC_ALL=C comm -23 %1$s %2$s/files.txt > %2$s/deleted.txt\n"
                        .formatted(Shell.quote(parent.get().folder().resolve("files.txt").toString()), layer));
            } else {
                packages.append(("tar " + options + " --sort=name --exclude='./var/lib/apt/lists/*_*' --exclude='./var/cache/apt/archives/*.deb'"
                        + " --exclude='./var/cache/apt/*.bin' --exclude=./usr/sbin/start-stop-daemon --exclude=./usr/sbin/policy-rc.d"
                        + " -cf %1$s/layer.tar . || [ $? -eq 1 ]\n").formatted(layer));
                packages.append(": > %1$s/deleted.txt\n".formatted(layer));
            }
            packages.append("cp %2$s/installed.txt %1$s/packages.tmp\ntouch %2$s/layer.done\n"
                    .formatted(Shell.quote(layerOut.toString()), quotedWork));
        }
        command.add("--customize-hook=" + script(hooks, "10-packages", packages.toString()));
        int n = 0;
        for (ConfigStep step : recipe.steps()) {
            n++;
            command.add("--customize-hook=" + script(hooks, String.format("%02d-step", 10 + n), "echo \"VSE-STEP " + n + "\"\n" + stepScript(step)));
        }
        command.add("--customize-hook=" + script(hooks, "99-done", "echo \"VSE-STEP done\"\n"));
        command.add(lock.release());
        command.add(root.toString());
        command.add(work.resolve("sources.list").toString());

        progress.task(parent.isEmpty() ? "Installing " + lock.packages().size() + " packages with mmdebstrap"
                : exact.isPresent() ? "Applying the configuration steps to the cached package layer"
                        : "Installing " + delta.size() + " more packages on a cached layer");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SOURCE_DATE_EPOCH", Long.toString(epoch));
        env.put("TMPDIR", Files.createDirectories(work.resolve("tmp")).toString());
        env.put("DEBIAN_FRONTEND", "noninteractive");
        String[] current = {""};
        List<String> sinceStep = new ArrayList<>();
        ToolRun.Result result = runTool(work, command, env, progress, line -> {
            if (line.startsWith("VSE-STEP ")) {
                current[0] = line.substring("VSE-STEP ".length()).strip();
                sinceStep.clear();
                String label = stepLabel(recipe, current[0]);
                if (!label.isEmpty()) {
                    progress.task(label);
                }
            } else {
                synchronized (sinceStep) {
                    sinceStep.add(line);
                    if (sinceStep.size() > 200) {
                        sinceStep.remove(0);
                    }
                }
            }
        });
        if (saveLayer && Files.exists(work.resolve("layer.done"))) {
            Files.move(layerOut.resolve("packages.tmp"), layerOut.resolve("packages.txt"));
            Files.writeString(layerOut.resolve("packages.txt"), distributionLine(lock) + "\n" + Files.readString(layerOut.resolve("packages.txt")));
            Files.writeString(layerOut.resolve("parent"), parent.map(LayerCache.PackageLayer::key).orElse("none") + "\n");
            LayerCache.commit(layerOut, cache.packageLayer(packageKey));
        }
        layers.add(new BuiltImage.Layer("packages", packageKey,
                exact.isPresent() ? "cached" : parent.isPresent() ? "built on " + parent.get().key().substring(0, 12) : "built"));
        if (!result.ok()) {
            throw failure(recipe, current[0], sinceStep, result);
        }
        layers.add(new BuiltImage.Layer("configuration", imageKey, "built"));

        progress.checkCanceled();
        progress.task("Finishing the root file system");
        finishTree(root, recipe, imageKey);
        Path bootDir = root.resolve("boot");
        Optional<Path> kernel = newest(bootDir, "vmlinuz-");
        Optional<Path> initrd = newest(bootDir, "initrd.img-");
        if (kernel.isPresent() != initrd.isPresent()) {
            throw new ImageBuildException(kernel.isPresent() ? "The image has a kernel but no initrd in /boot; add initramfs-tools to the environment."
                    : "The image has an initrd but no kernel in /boot; add a kernel package (linux-image-amd64) to the environment.");
        }
        if (kernel.isPresent()) {
            Files.copy(kernel.get(), image.resolve("vmlinuz"));
            Files.copy(initrd.get(), image.resolve("initrd.img"));
        } else {
            progress.output("The image has no kernel: it runs as a container, not as a VM (add linux-image-amd64 to boot it).");
        }
        String installed = Files.readString(work.resolve("installed.txt"));
        clampTimes(work, root, epoch, progress);

        UUID uuid = uuidOf(imageKey, "root");
        progress.task("Making the ext4 root file system");
        Path raw = work.resolve("root.ext4");
        makeExt4(work, root, raw, "vseroot", uuid, epoch, 256, progress);
        progress.task("Converting the disk to qcow2");
        run(work, List.of(tool("qemu-img"), "convert", "-q", "-f", "raw", "-O", "qcow2", raw.toString(), image.resolve("disk.qcow2").toString()),
                Map.of(), progress, "qemu-img could not convert the disk");
        Files.delete(raw);

        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("disk", "disk.qcow2");
        if (kernel.isPresent()) {
            artifacts.put("kernel", "vmlinuz");
            artifacts.put("initrd", "initrd.img");
        }
        if (recipe.diskless()) {
            progress.task("Making the disk-less split: shared read-only root and private part");
            splitDiskless(work, root, image, imageKey, epoch, progress);
            artifacts.put("rootfs", "rootfs.squashfs");
            artifacts.put("private", "private.ext4");
        }
        Files.writeString(image.resolve("environment.vse.lock"), lock.text());
        artifacts.put("lock", "environment.vse.lock");
        String commandLine = ("root=LABEL=vseroot rw " + recipe.bootOptions()).strip();
        Map<String, String> digests = new LinkedHashMap<>();
        for (String name : new TreeSet<>(artifacts.values())) {
            digests.put(name, Digests.ofFile(image.resolve(name)));
        }
        String digest = imageDigest(digests);
        Files.writeString(image.resolve("sbom.cdx.json"), Sbom.cycloneDx(recipe, lock, installed, digest, epoch));
        artifacts.put("sbom", "sbom.cdx.json");
        Manifest manifest = new Manifest(digest, recipe.name(), artifacts, digests, commandLine, epoch, Instant.now().toString(),
                Digests.of(lock.text()), sourceDigest(recipe), toolVersions(work, progress), packageKey, imageKey,
                lock.packages().size());
        manifest.write(image.resolve("manifest.json"));
        return new BuiltImage(digest, image, Map.of(), commandLine, layers, 0);
    }

    private static String stepLabel(ImageRecipe recipe, String marker) {
        if (marker.equals("packages") || marker.equals("layer") || marker.equals("done")) {
            return "";
        }
        try {
            int i = Integer.parseInt(marker) - 1;
            ConfigStep s = recipe.steps().get(i);
            return "Step " + (i + 1) + " of " + recipe.steps().size() + " (" + s.where() + "): " + s.canonical();
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return "";
        }
    }

    private static ImageBuildException failure(ImageRecipe recipe, String marker, List<String> sinceStep, ToolRun.Result result) {
        List<String> tail;
        synchronized (sinceStep) {
            tail = sinceStep.stream().filter(l -> !l.startsWith("I: ") && !l.startsWith("W: ")).toList();
        }
        tail = tail.subList(Math.max(0, tail.size() - 15), tail.size());
        try {
            int i = Integer.parseInt(marker) - 1;
            ConfigStep s = recipe.steps().get(i);
            String what = s instanceof ConfigStep.Run r ? "'run \"" + r.command() + "\"'" : "'" + s.canonical() + "'";
            return new ImageBuildException("The step " + what + " at " + s.where() + " failed; the image is not built.", s.where(), tail);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            // not a numbered step
        }
        if (marker.equals("packages") || marker.equals("layer") || marker.isEmpty()) {
            List<String> lines = result.tail().stream().filter(l -> !l.startsWith("I: ")).toList();
            return new ImageBuildException("mmdebstrap could not install the locked packages of " + recipe.name()
                    + " (is the repository reachable, and the lock current? 'vse lock --check' tells)", "",
                    lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        }
        return new ImageBuildException("mmdebstrap failed while finishing the image of " + recipe.name() + ".", "", result.tail());
    }

    private String script(Path hooks, String name, String body) throws IOException {
        Path f = hooks.resolve(name + ".sh");
        Files.writeString(f, "#!/bin/sh\n# a hook of the VSE image builder; $1 is the image's root\nset -e\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f.toString();
    }

    /** @return the shell lines that apply one step to the tree in {@code $1} */
    static String stepScript(ConfigStep step) throws IOException {
        return switch (step) {
            case ConfigStep.Copy c -> {
                String target = c.target();
                if (Files.isDirectory(c.source())) {
                    yield "mkdir -p \"$1\"" + Shell.quote(target) + "\ncp -R --preserve=mode,links --no-preserve=ownership "
                            + Shell.quote(c.source() + "/.") + " \"$1\"" + Shell.quote(target) + "\nchown -R 0:0 \"$1\"" + Shell.quote(target) + "\n";
                }
                String file = target.endsWith("/") ? target + c.source().getFileName() : target;
                yield "mkdir -p \"$(dirname \"$1\"" + Shell.quote(file) + ")\"\ncp --preserve=mode --no-preserve=ownership "
                        + Shell.quote(c.source().toString()) + " \"$1\"" + Shell.quote(file) + "\nchown 0:0 \"$1\"" + Shell.quote(file) + "\n";
            }
            case ConfigStep.Link l -> "chroot \"$1\" /bin/sh -c 'mkdir -p \"$(dirname \"$1\")\" && ln -sfn \"$0\" \"$1\"' " + Shell.quote(l.target())
                    + " " + Shell.quote(l.link()) + "\n";
            case ConfigStep.Delete d -> "chroot \"$1\" rm -rf -- " + Shell.quote(d.path()) + "\n";
            case ConfigStep.Append a -> "chroot \"$1\" /bin/sh -c 'mkdir -p \"$(dirname \"$1\")\" && printf \"%s\\n\" \"$0\" >> \"$1\"' "
                    + Shell.quote(a.line()) + " " + Shell.quote(a.path()) + "\n";
            case ConfigStep.Replace r -> "VSE_PATTERN=" + Shell.quote(r.pattern()) + " VSE_TEXT=" + Shell.quote(r.replacement())
                    + " chroot \"$1\" perl -pi -e 's/$ENV{VSE_PATTERN}/$ENV{VSE_TEXT}/g' -- " + Shell.quote(r.path()) + "\n";
            case ConfigStep.Run r -> "cd \"$1\"\nHOME=/root chroot \"$1\" /bin/sh -e -c " + Shell.quote(r.command()) + "\n";
            case ConfigStep.User u -> "if chroot \"$1\" getent passwd " + Shell.quote(u.name()) + " > /dev/null; then\n"
                    + "    chroot \"$1\" usermod --uid " + u.uid() + " " + Shell.quote(u.name()) + "\nelse\n"
                    + "    chroot \"$1\" useradd --create-home --shell /bin/bash --uid " + u.uid() + " " + Shell.quote(u.name()) + "\nfi\n";
        };
    }

    private static String sourcesList(LockFile lock) {
        TreeSet<String> lines = new TreeSet<>();
        lock.packages().forEach(p -> lines.add(sourceLine(p.repository())));
        // one line per repository and suite, with its components together
        Map<String, TreeSet<String>> bySuite = new LinkedHashMap<>();
        for (LockedPackage p : lock.packages()) {
            Repository r = p.repository();
            bySuite.computeIfAbsent(r.uri() + " " + r.suite(), k -> new TreeSet<>()).add(r.component());
        }
        StringBuilder b = new StringBuilder();
        new TreeSet<>(bySuite.keySet()).forEach(k -> b.append("deb ").append(k).append(' ').append(String.join(" ", bySuite.get(k))).append('\n'));
        return b.toString();
    }

    private static String packageLine(LockedPackage p) {
        return p.name() + " " + p.version() + " " + p.architecture();
    }

    private static List<String> packageLines(LockFile lock) {
        return lock.packages().stream().map(ImageBuilder::packageLine).toList();
    }

    private static String expectedPackages(LockFile lock) {
        List<String> lines = new ArrayList<>(packageLines(lock));
        lines.sort(null);
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /** What every image carries and what no image may carry (see {@link GuestFiles}). */
    private static void finishTree(Path root, ImageRecipe recipe, String imageKey) throws IOException {
        try (Stream<Path> keys = Files.list(root.resolve("etc/ssh")).filter(p -> p.getFileName().toString().startsWith("ssh_host_"))) {
            for (Path k : keys.toList()) {
                Files.delete(k);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no SSH server in this image
        }
        skipUserManagerForSsh(root);
        // mount points: as a cold build leaves them, whatever was mounted on them when a layer was saved
        for (String mountPoint : List.of("proc", "sys", "dev/shm", "dev/pts")) {
            Path dir = Files.createDirectories(root.resolve(mountPoint));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        write(root, "etc/hostname", "vse\n", "rw-r--r--");
        write(root, "etc/resolv.conf", "", "rw-r--r--");
        write(root, "etc/machine-id", "", "r--r--r--");
        Files.deleteIfExists(root.resolve("var/lib/dbus/machine-id"));
        write(root, "etc/fstab", GuestFiles.FSTAB, "rw-r--r--");
        write(root, "etc/vse/image", recipe.name() + "\n", "rw-r--r--");
        write(root, "usr/lib/vse/ready", GuestFiles.READY_SCRIPT, "rwxr-xr-x");
        write(root, "etc/systemd/system/vse-ready.service", GuestFiles.READY_UNIT, "rw-r--r--");
        write(root, "usr/lib/vse/guest-setup", GuestFiles.GUEST_SETUP, "rwxr-xr-x");
        write(root, "etc/systemd/system/vse-guest.service", GuestFiles.GUEST_UNIT, "rw-r--r--");
        Path sysinit = Files.createDirectories(root.resolve("etc/systemd/system/sysinit.target.wants"));
        link(sysinit.resolve("vse-guest.service"), "/etc/systemd/system/vse-guest.service");
        write(root, "etc/systemd/system/vse-ssh-keys.service", GuestFiles.SSH_KEYS_UNIT, "rw-r--r--");
        write(root, "etc/systemd/network/80-vse-dhcp.network", GuestFiles.NETWORK, "rw-r--r--");
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        link(wants.resolve("vse-ready.service"), "/etc/systemd/system/vse-ready.service");
        link(wants.resolve("vse-ssh-keys.service"), "/etc/systemd/system/vse-ssh-keys.service");
        if (Files.exists(root.resolve("lib/systemd/system/systemd-networkd.service"), LinkOption.NOFOLLOW_LINKS)) {
            link(wants.resolve("systemd-networkd.service"), "/lib/systemd/system/systemd-networkd.service");
        }
        for (String log : List.of("var/log/dpkg.log", "var/log/alternatives.log", "var/log/apt/history.log", "var/log/apt/term.log",
                "var/log/apt/eipp.log.xz", "var/cache/ldconfig/aux-cache", "var/lib/systemd/random-seed")) {
            Files.deleteIfExists(root.resolve(log));
        }
        Path tmp = root.resolve("tmp");
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    WorkDirectories.delete(p);
                }
            }
        }
    }

    /** The PAM line put before {@code pam_systemd} in common-session: SSH sessions skip it. */
    static final String SKIP_PAM_SYSTEMD = "session\t[success=1 default=ignore]\tpam_succeed_if.so service = sshd quiet";

    /**
     * SSH sessions skip {@code pam_systemd}: no user manager ({@code systemd --user}) is started
     * for the first login of an account, which costs an emulated guest a second or more before
     * the command of {@code vse run} runs; HPC sites do the same for sshd (Slurm's
     * {@code pam_slurm_adopt} needs it: pam_systemd would move a job's processes out of the job).
     * Console logins keep it. A {@code run} step may remove the line again.
     */
    private static void skipUserManagerForSsh(Path root) throws IOException {
        Path session = root.resolve("etc/pam.d/common-session");
        if (!Files.isRegularFile(session, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> lines = Files.readAllLines(session, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.matches("session\\s+\\S+\\s+pam_systemd\\.so.*") && !(out.size() > 0 && out.get(out.size() - 1).equals(SKIP_PAM_SYSTEMD))) {
                out.add("# VSE Studio: SSH sessions skip pam_systemd (no user manager per login; see the image docs)");
                out.add(SKIP_PAM_SYSTEMD);
            }
            out.add(line);
        }
        if (!out.equals(lines)) {
            Files.writeString(session, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
        }
    }

    private static void write(Path root, String path, String content, String mode) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.deleteIfExists(f);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    }

    private static void link(Path link, String target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(target));
    }

    private static Optional<Path> newest(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p))
                    .max((a, b) -> org.vsestudio.packages.DebianVersion.parse(version(a, prefix))
                            .compareTo(org.vsestudio.packages.DebianVersion.parse(version(b, prefix))));
        }
    }

    private static String version(Path p, String prefix) {
        String v = p.getFileName().toString().substring(prefix.length());
        return v.isEmpty() || !Character.isDigit(v.charAt(0)) ? "0" : v.replaceAll("[^A-Za-z0-9.+~:-]", ".");
    }

    /**
     * Every file time not after the lock's epoch: newer modification times are set to it, and
     * every folder's is the epoch (a folder's time says only in which order packages and steps
     * touched it, which differs between a cold build and one on a cached layer).
     */
    private void clampTimes(Path work, Path root, long epoch, BuildProgress progress) throws IOException, ImageBuildException {
        run(work, List.of("find", root.toString(), "-xdev", "(", "-type", "d", "-o", "-newermt", "@" + epoch, ")", "-exec", "touch",
                "--no-dereference", "--date=@" + epoch, "{}", "+"), Map.of(), progress, "the file times of the image could not be set");
    }

    /**
     * An ext4 file system of {@code tree}, the same bytes for the same tree: fixed UUID and hash
     * seed, the lock's time for the file system and for every inode's change and access time.
     */
    private void makeExt4(Path work, Path tree, Path out, String label, UUID uuid, long epoch, long headroomMiB, BuildProgress progress)
            throws IOException, ImageBuildException {
        long[] counts = new long[2]; // bytes (in 4 KiB blocks), entries
        List<String> paths = new ArrayList<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                counts[0] += 4096;
                counts[1]++;
                paths.add(dir.equals(tree) ? "/" : "/" + tree.relativize(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                counts[0] += (attrs.size() + 4095) / 4096 * 4096;
                counts[1]++;
                paths.add("/" + tree.relativize(file));
                return FileVisitResult.CONTINUE;
            }
        });
        long bytes = counts[0] + counts[0] / 5 + headroomMiB * 1024 * 1024;
        long mib = (bytes / (1024 * 1024) + 15) / 16 * 16;
        long inodes = counts[1] + counts[1] / 2 + 16384;
        Map<String, String> env = Map.of("E2FSPROGS_FAKE_TIME", Long.toString(epoch), "SOURCE_DATE_EPOCH", Long.toString(epoch));
        run(work, List.of(tool("mkfs.ext4"), "-q", "-F", "-t", "ext4", "-L", label, "-U", uuid.toString(), "-E",
                "hash_seed=" + uuid + ",lazy_itable_init=0,lazy_journal_init=0", "-N", Long.toString(inodes), "-d", tree.toString(),
                out.toString(), mib + "M"), env, progress, "mkfs.ext4 could not make the root file system");
        StringBuilder commands = new StringBuilder();
        Map<String, List<String>> unquotable = new TreeMap<>();
        for (String p : paths) {
            if (!debugfsQuotable(p)) {
                // a name debugfs cannot take as a path (systemd's unit names have backslashes): by inode number below
                int slash = p.lastIndexOf('/');
                unquotable.computeIfAbsent(slash == 0 ? "/" : p.substring(0, slash), k -> new ArrayList<>()).add(p.substring(slash + 1));
                continue;
            }
            String q = "\"" + p + "\"";
            commands.append("sif ").append(q).append(" ctime @").append(epoch).append('\n');
            commands.append("sif ").append(q).append(" atime @").append(epoch).append('\n');
        }
        for (Map.Entry<String, List<String>> dir : unquotable.entrySet()) {
            for (String inode : inodesIn(work, out, dir.getKey(), dir.getValue(), progress)) {
                commands.append("sif <").append(inode).append("> ctime @").append(epoch).append('\n');
                commands.append("sif <").append(inode).append("> atime @").append(epoch).append('\n');
            }
        }
        Path cmdFile = work.resolve("times.debugfs");
        Files.writeString(cmdFile, commands.toString());
        run(work, List.of(tool("debugfs"), "-w", "-f", cmdFile.toString(), out.toString()), env, progress,
                "debugfs could not set the file times of the root file system");
        Ext4Superblocks.zeroLifetimeWrites(out);
    }

    private static boolean debugfsQuotable(String path) {
        return path.indexOf('"') < 0 && path.indexOf('\n') < 0 && path.indexOf('\\') < 0;
    }

    /** The inode numbers of some entries of a folder of an ext4 image, from {@code debugfs ls -p} (one line per entry: /INODE/MODE/UID/GID/NAME/SIZE/). */
    private List<String> inodesIn(Path work, Path fs, String folder, List<String> names, BuildProgress progress)
            throws IOException, ImageBuildException {
        if (!debugfsQuotable(folder)) {
            throw new ImageBuildException("The image has a folder whose name debugfs cannot take (" + folder
                    + "); rename it in the environment's steps.");
        }
        ToolRun.Result listing = ToolRun.run(List.of(tool("debugfs"), "-R", "ls -p \"" + folder + "\"", fs.toString()), work, Map.of(),
                new BuildProgress() {
                    @Override
                    public boolean isCanceled() {
                        return progress.isCanceled();
                    }
                }, true, null, work.resolve("tools.pid"));
        java.util.Set<String> wanted = new java.util.HashSet<>(names);
        List<String> inodes = new ArrayList<>();
        for (String line : listing.lines()) {
            String[] f = line.split("/", -1);
            if (f.length >= 8 && wanted.remove(f[5])) {
                inodes.add(f[1]);
            }
        }
        if (!wanted.isEmpty()) {
            throw new ImageBuildException("debugfs did not list " + String.join(", ", wanted) + " in " + folder + " of the new root file system.");
        }
        return inodes;
    }

    private void splitDiskless(Path work, Path root, Path image, String imageKey, long epoch, BuildProgress progress)
            throws IOException, ImageBuildException {
        run(work, List.of(tool("mksquashfs"), root.toString(), image.resolve("rootfs.squashfs").toString(), "-noappend", "-quiet",
                "-no-progress", "-comp", "zstd", "-reproducible", "-xattrs"),
                // mksquashfs takes its times from SOURCE_DATE_EPOCH (and refuses -mkfs-time beside it)
                Map.of("SOURCE_DATE_EPOCH", Long.toString(epoch)), progress, "mksquashfs could not make the shared root");
        // the private read-write part: the folders a node changes at run time, overlaid on the shared root
        Path priv = Files.createDirectories(work.resolve("private"));
        for (String dir : List.of("etc", "var")) {
            run(work, List.of("cp", "-a", root.resolve(dir).toString(), priv.resolve(dir).toString()), Map.of(), progress,
                    "the private part could not be copied");
        }
        clampTimes(work, priv, epoch, progress);
        Path raw = work.resolve("private.raw");
        makeExt4(work, priv, raw, "vseprivate", uuidOf(imageKey, "private"), epoch, 32, progress);
        Files.move(raw, image.resolve("private.ext4"));
    }

    static UUID uuidOf(String key, String what) {
        return UUID.nameUUIDFromBytes((key + " " + what).getBytes(StandardCharsets.UTF_8));
    }

    /** The image digest: of the artifact names and their SHA-256, in name order. */
    static String imageDigest(Map<String, String> digests) {
        StringBuilder b = new StringBuilder(FORMAT).append('\n');
        new TreeSet<>(digests.keySet()).forEach(n -> b.append(n).append(' ').append(digests.get(n)).append('\n'));
        return "sha256:" + Digests.of(b.toString());
    }

    private static String sourceDigest(ImageRecipe recipe) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path p : recipe.sources()) {
            b.append(p.getFileName()).append(' ').append(Files.isRegularFile(p) ? Digests.ofFile(p) : "missing").append('\n');
        }
        for (ConfigStep s : recipe.steps()) {
            if (s instanceof ConfigStep.Copy c) {
                b.append(c.source().getFileName()).append(' ').append(Digests.ofTree(c.source())).append('\n');
            }
        }
        return Digests.of(b.toString());
    }

    private Map<String, String> toolVersions(Path work, BuildProgress progress) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String[] t : List.of(new String[] {"mmdebstrap", "--version"}, new String[] {"mkfs.ext4", "-V"}, new String[] {"qemu-img", "--version"},
                new String[] {"mksquashfs", "-version"})) {
            Optional<Path> p = tools.find(t[0]);
            if (p.isEmpty()) {
                continue;
            }
            try {
                ToolRun.Result r = ToolRun.run(List.of(p.get().toString(), t[1]), work, Map.of(), BuildProgress.NONE, true, null);
                versions.put(t[0], r.lines().stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip());
            } catch (IOException e) {
                versions.put(t[0], "unknown");
            }
        }
        return versions;
    }

    private String tool(String name) {
        return tools.find(name).map(Path::toString).orElse(name);
    }

    private ToolRun.Result runTool(Path work, List<String> command, Map<String, String> env, BuildProgress progress,
            java.util.function.Consumer<String> onLine) throws IOException {
        return ToolRun.run(command, work, env, new BuildProgress() {
            @Override
            public void output(String line) {
                progress.output(line);
            }

            @Override
            public boolean isCanceled() {
                return progress.isCanceled();
            }
        }, false, onLine, work.resolve("tools.pid"));
    }

    private void run(Path work, List<String> command, Map<String, String> env, BuildProgress progress, String what)
            throws IOException, ImageBuildException {
        ToolRun.Result r = runTool(work, command, env, progress, null);
        if (!r.ok()) {
            throw new ImageBuildException(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " (exit code " + r.exitCode() + ").", "",
                    r.tail());
        }
    }
}
