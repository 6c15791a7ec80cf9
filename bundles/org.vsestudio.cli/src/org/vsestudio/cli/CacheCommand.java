package org.vsestudio.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import org.vsestudio.image.BuildProgress;
import org.vsestudio.image.LayerCache;

/**
 * {@code vse cache [prune [--unused-for DAYS]]}: shows what the image cache holds and where,
 * or removes its entries (all of them, or those not used for DAYS days).
 */
final class CacheCommand implements Command {

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public String synopsis() {
        return "[prune [--unused-for DAYS]]";
    }

    @Override
    public String summary() {
        return "show the image cache's disk use, or prune it";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        LayerCache cache = LayerCache.forUser();
        if (args.isEmpty()) {
            LayerCache.Usage u = cache.usage();
            out.println("Image cache " + cache.root() + ": " + human(u.total()) + " in all.");
            out.println("  " + u.packageLayers() + " package layer" + (u.packageLayers() == 1 ? "" : "s") + ", " + human(u.packageBytes()));
            out.println("  " + u.images() + " image" + (u.images() == 1 ? "" : "s") + ", " + human(u.imageBytes()));
            if (u.workBytes() > 0) {
                out.println("  work folders (being removed after a build, or left by an interrupted one), " + human(u.workBytes()));
            }
            out.println("'vse cache prune' removes it all; 'vse cache prune --unused-for 30' what was not used for 30 days.");
            return OK;
        }
        if (!args.get(0).equals("prune")) {
            throw new UsageException("unknown cache command '" + args.get(0) + "'; 'vse cache' shows the cache, 'vse cache prune' prunes it.");
        }
        Duration unused = Duration.ZERO;
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals("--unused-for") && i + 1 < args.size()) {
                try {
                    unused = Duration.ofDays(Long.parseLong(args.get(++i)));
                } catch (NumberFormatException e) {
                    throw new UsageException("'--unused-for' needs a number of days, not '" + args.get(i) + "'.");
                }
            } else {
                throw new UsageException("unknown option '" + args.get(i) + "'; 'vse help cache' shows the options.");
            }
        }
        long freed = cache.prune(unused, BuildProgress.NONE);
        out.println("Pruned the image cache " + cache.root() + ": " + human(freed) + " freed, " + human(cache.usage().total()) + " left.");
        return OK;
    }

    static String human(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
