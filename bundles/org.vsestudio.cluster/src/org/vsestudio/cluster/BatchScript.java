package org.vsestudio.cluster;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.vsestudio.remote.ShellQuote;

/**
 * A Slurm batch script ({@code sbatch}): the job's resources as {@code #SBATCH} directives
 * and the steps it runs, each quoted so that no value is re-interpreted by the shell on the
 * cluster.
 *
 * @param jobName shown by {@code squeue}; letters, digits, {@code . _ -} only
 * @param nodes the number of nodes, at least 1
 * @param timeLimit the wall-clock limit, at least one minute
 * @param partition the partition, or {@code null} for the cluster's default
 * @param steps the commands, one argument list each, run in order with {@code srun}
 */
public record BatchScript(String jobName, int nodes, Duration timeLimit, String partition, List<List<String>> steps) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public BatchScript {
        if (jobName == null || !NAME.matcher(jobName).matches()) {
            throw new IllegalArgumentException("The job name '" + jobName
                    + "' must be 1 to 64 letters, digits, dots, underscores or dashes.");
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("A job needs at least one node, not " + nodes + ".");
        }
        if (timeLimit == null || timeLimit.toMinutes() < 1) {
            throw new IllegalArgumentException("The time limit must be at least one minute.");
        }
        if (partition != null && !NAME.matcher(partition).matches()) {
            throw new IllegalArgumentException("The partition name '" + partition + "' is not a valid Slurm name.");
        }
        steps = steps.stream().map(List::copyOf).toList();
        if (steps.isEmpty() || steps.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("A job needs at least one step, and no step may be empty.");
        }
    }

    /** @return the script text, ready for {@code sbatch} */
    public String render() {
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("#SBATCH --job-name=").append(jobName).append('\n');
        s.append("#SBATCH --nodes=").append(nodes).append('\n');
        long minutes = timeLimit.toMinutes();
        s.append(String.format("#SBATCH --time=%d-%02d:%02d:00%n", minutes / 1440, minutes / 60 % 24, minutes % 60));
        if (partition != null) {
            s.append("#SBATCH --partition=").append(partition).append('\n');
        }
        s.append("set -e\n");
        for (List<String> step : steps) {
            s.append("srun ").append(ShellQuote.command(step)).append('\n');
        }
        return s.toString();
    }
}
