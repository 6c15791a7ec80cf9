package org.vsestudio.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.vsestudio.dsl.evaluation.EffectiveMachineSet;
import org.vsestudio.dsl.evaluation.EffectiveProfile;
import org.vsestudio.dsl.evaluation.NodeGroup;
import org.vsestudio.dsl.evaluation.UsesEdge;

/**
 * What a local sandbox of a machine set (or of one environment) consists of, without starting
 * anything: the machines with their names, environments, memory and CPUs, the order they
 * start in, their addresses on the launch's private network, and the {@code hosts} and
 * {@code hostfile} texts handed to every machine.
 *
 * <ul>
 * <li><b>Scale</b>: a group gets its {@code sandbox GROUP count N} machines, 1 if it has no
 * such line, never more than its real count.</li>
 * <li><b>Names</b>: a group with one sandbox machine is named after the group ({@code head});
 * otherwise {@code GROUP-1} … {@code GROUP-N} ({@code compute-1}, {@code compute-2}).</li>
 * <li><b>Order</b>: by levels of the {@code uses} relation: a group that uses no other is on
 * level 0, a group that uses others one level above the highest of them. The machines of one
 * level start together; the next level starts once all of them are ready. The command runs on
 * the first machine (level 0, the first group declared there).</li>
 * <li><b>Memory and CPUs</b>: the group's profile, capped at {@link #MEMORY_CAP_MIB} MiB and
 * {@link #CPUS_CAP} CPUs (a sandbox runs many machines on one workstation), 2048 MiB and 2 CPUs
 * without a profile value; {@code --memory}/{@code --cpus} set every machine's instead.</li>
 * <li><b>Network</b>: machine number i (1-based, in start order) is {@code 10.77.0.i/24} with
 * the MAC {@code 52:54:00:77:00:i} on the private network.</li>
 * <li><b>hostfile</b> (for MPI, {@code /etc/vse/hostfile}): the machines of the groups that
 * use the command's group — its clients, the workers it drives ({@code compute-1},
 * {@code compute-2} for {@code head}); all machines if no group uses it. One line per
 * machine, {@code NAME slots=1}, so {@code mpirun -np N} puts one rank on each of N
 * machines.</li>
 * </ul>
 */
public final class SandboxPlan {

    /** The most memory a sandbox machine gets from its profile, in MiB. */
    public static final int MEMORY_CAP_MIB = 2048;
    /** The most CPUs a sandbox machine gets from its profile. */
    public static final int CPUS_CAP = 2;
    /** The private network's first three octets. */
    public static final String SUBNET = "10.77.0.";

    /**
     * A group as the plan needs it.
     *
     * @param name the group's name
     * @param count its real size
     * @param sandboxCount its {@code sandbox … count}, if given
     * @param environment the environment its machines run
     * @param profile the profile's name, or {@code null}
     * @param memoryMiB the profile's memory, if any
     * @param cpus the profile's CPUs, if any
     */
    public record Group(String name, long count, OptionalInt sandboxCount, String environment, String profile, OptionalLong memoryMiB,
            OptionalInt cpus) {
    }

    /**
     * One machine of the sandbox.
     *
     * @param name its host name
     * @param group its group
     * @param environment the environment it runs
     * @param memoryMiB its memory
     * @param cpus its CPUs
     * @param level its start level (0 first)
     * @param address its address on the private network
     * @param mac its MAC on the private network
     * @param sizing how its memory and CPUs were chosen, for the user
     */
    public record Node(String name, String group, String environment, int memoryMiB, int cpus, int level, String address, String mac,
            String sizing) {
    }

    private final List<Node> nodes;
    private final String hosts;
    private final String hostfile;

    private SandboxPlan(List<Node> nodes, String hosts, String hostfile) {
        this.nodes = List.copyOf(nodes);
        this.hosts = hosts;
        this.hostfile = hostfile;
    }

    /** @return the machines, in start order; the first runs the command */
    public List<Node> nodes() {
        return nodes;
    }

    /** @return the machines grouped by start level */
    public List<List<Node>> levels() {
        List<List<Node>> levels = new ArrayList<>();
        for (Node n : nodes) {
            while (levels.size() <= n.level()) {
                levels.add(new ArrayList<>());
            }
            levels.get(n.level()).add(n);
        }
        return levels;
    }

    /** @return the lines for /etc/hosts: every machine's private address and name */
    public String hosts() {
        return hosts;
    }

    /** @return the MPI host file */
    public String hostfile() {
        return hostfile;
    }

    /** @return the systemd-networkd unit that gives {@code node} its private address */
    public static String networkUnit(Node node) {
        return "[Match]\nMACAddress=" + node.mac() + "\n\n[Network]\nAddress=" + node.address() + "/24\n";
    }

    /** A sandbox of one environment: one machine named after it, no private network. */
    public static SandboxPlan single(String environment, Integer memoryMiB, Integer cpus) {
        String name = environment.replaceAll("[^A-Za-z0-9-]", "-");
        int memory = memoryMiB != null ? memoryMiB : MEMORY_CAP_MIB;
        int n = cpus != null ? cpus : CPUS_CAP;
        return new SandboxPlan(List.of(new Node(name, null, environment, memory, n, 0, null, null, memory + " MiB, " + n + " CPUs")), "", "");
    }

    /** The sandbox of an evaluated machine set. */
    public static SandboxPlan of(EffectiveMachineSet set, Integer memoryMiB, Integer cpus) throws Command.UsageException {
        List<Group> groups = new ArrayList<>();
        for (NodeGroup g : set.groups()) {
            if (g.environment().isEmpty()) {
                throw new Command.UsageException("the group " + g.name() + " of " + set.name() + " runs no environment that can be found.");
            }
            EffectiveProfile p = g.profile().orElse(null);
            groups.add(new Group(g.name(), g.count(), g.sandboxCount(), g.environment().get().name(), p == null ? null : p.name(),
                    p == null ? OptionalLong.empty() : p.memoryMiB(), p == null ? OptionalInt.empty() : p.cpus()));
        }
        List<String[]> uses = new ArrayList<>();
        for (UsesEdge e : set.uses()) {
            uses.add(new String[] {e.client(), e.server()});
        }
        return of(set.name(), groups, uses, memoryMiB, cpus);
    }

    /**
     * The sandbox of a machine set given as groups and {@code uses} pairs.
     *
     * @param uses pairs {client, server}
     */
    public static SandboxPlan of(String setName, List<Group> groups, List<String[]> uses, Integer memoryMiB, Integer cpus)
            throws Command.UsageException {
        if (groups.isEmpty()) {
            throw new Command.UsageException("the machine set " + setName + " has no groups to start.");
        }
        Map<String, Group> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        Map<String, Integer> levels = new HashMap<>();
        for (Group g : groups) {
            level(g.name(), uses, levels, new ArrayList<>(), setName);
        }
        List<Group> ordered = new ArrayList<>(groups);
        ordered.sort((a, b) -> Integer.compare(levels.get(a.name()), levels.get(b.name()))); // stable: declaration order within a level
        List<Node> nodes = new ArrayList<>();
        for (Group g : ordered) {
            int count = (int) Math.min(g.sandboxCount().orElse(1), g.count());
            if (count <= 0) {
                continue;
            }
            int memory = memoryMiB != null ? memoryMiB : (int) Math.min(g.memoryMiB().orElse(MEMORY_CAP_MIB), MEMORY_CAP_MIB);
            int n = cpus != null ? cpus : Math.min(g.cpus().orElse(CPUS_CAP), CPUS_CAP);
            String sizing = sizing(g, memory, n, memoryMiB != null, cpus != null);
            for (int i = 1; i <= count; i++) {
                int number = nodes.size() + 1;
                if (number > 250) {
                    throw new Command.UsageException("the sandbox of " + setName + " would have more than 250 machines.");
                }
                String name = count == 1 ? g.name() : g.name() + "-" + i;
                nodes.add(new Node(name, g.name(), g.environment(), memory, n, levels.get(g.name()), SUBNET + number,
                        String.format("52:54:00:77:00:%02x", number), sizing));
            }
        }
        if (nodes.isEmpty()) {
            throw new Command.UsageException("the machine set " + setName + " has no machines in the sandbox.");
        }
        StringBuilder hosts = new StringBuilder();
        for (Node n : nodes) {
            hosts.append(n.address()).append('\t').append(n.name()).append('\n');
        }
        String first = nodes.get(0).group();
        List<String> clients = uses.stream().filter(u -> u[1].equals(first)).map(u -> u[0]).toList();
        StringBuilder hostfile = new StringBuilder();
        for (Node n : nodes) {
            if (clients.isEmpty() || clients.contains(n.group())) {
                hostfile.append(n.name()).append(" slots=1\n");
            }
        }
        return new SandboxPlan(nodes, hosts.toString(), hostfile.toString());
    }

    private static String sizing(Group g, int memory, int cpus, boolean memorySet, boolean cpusSet) {
        StringBuilder s = new StringBuilder(memory + " MiB, " + cpus + " CPUs");
        if (memorySet && cpusSet) {
            return s.append(" (as given)").toString();
        }
        String profile = g.profile() == null ? "no profile" : "profile " + g.profile();
        String values = (g.memoryMiB().isPresent() ? g.memoryMiB().getAsLong() + " MiB" : "no memory") + ", "
                + (g.cpus().isPresent() ? g.cpus().getAsInt() + " CPUs" : "no CPUs");
        boolean capped = !memorySet && g.memoryMiB().orElse(0) > MEMORY_CAP_MIB || !cpusSet && g.cpus().orElse(0) > CPUS_CAP;
        s.append(" (").append(profile);
        if (g.profile() != null) {
            s.append(": ").append(values);
        }
        if (capped) {
            s.append(", capped at ").append(MEMORY_CAP_MIB).append(" MiB and ").append(CPUS_CAP).append(" CPUs for the sandbox");
        }
        return s.append(')').toString();
    }

    private static int level(String group, List<String[]> uses, Map<String, Integer> levels, List<String> path, String setName)
            throws Command.UsageException {
        Integer known = levels.get(group);
        if (known != null) {
            return known;
        }
        if (path.contains(group)) {
            throw new Command.UsageException("the groups of " + setName + " use each other in a cycle (" + String.join(" uses ", path) + " uses "
                    + group + "); nothing can start first.");
        }
        path.add(group);
        int level = 0;
        for (String[] u : uses) {
            if (Objects.equals(u[0], group)) {
                level = Math.max(level, level(u[1], uses, levels, path, setName) + 1);
            }
        }
        path.remove(path.size() - 1);
        levels.put(group, level);
        return level;
    }
}
