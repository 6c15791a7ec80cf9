package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.vsestudio.cli.Command;
import org.vsestudio.cli.SandboxPlan;
import org.vsestudio.cli.SandboxPlan.Group;
import org.vsestudio.cli.SandboxPlan.Node;

/** The sandbox of a machine set without starting anything: names, start order, sizes, hosts and hostfile. */
class SandboxPlanTest {

    private static final Group HEAD = new Group("head", 1, OptionalInt.empty(), "climate.model", "climate.large", OptionalLong.of(4096),
            OptionalInt.of(4));
    private static final Group COMPUTE = new Group("compute", 64, OptionalInt.of(2), "climate.model", "ornl.standard", OptionalLong.of(2048),
            OptionalInt.of(2));

    @Test
    void theClimateClusterIsHeadThenTwoComputeMachines() throws Exception {
        // declared client first: the order comes from 'uses', not from the declaration
        SandboxPlan plan = SandboxPlan.of("climate.cluster", List.of(COMPUTE, HEAD), List.<String[]>of(new String[] {"compute", "head"}), null,
                null);
        assertEquals(List.of("head", "compute-1", "compute-2"), plan.nodes().stream().map(Node::name).toList());
        assertEquals(List.of(List.of("head"), List.of("compute-1", "compute-2")),
                plan.levels().stream().map(l -> l.stream().map(Node::name).toList()).toList());
        assertEquals("10.77.0.1\thead\n10.77.0.2\tcompute-1\n10.77.0.3\tcompute-2\n", plan.hosts());
        assertEquals("compute-1 slots=1\ncompute-2 slots=1\n", plan.hostfile(), "head's clients: one slot each");
        Node head = plan.nodes().get(0);
        assertEquals(2048, head.memoryMiB());
        assertEquals(2, head.cpus());
        assertEquals("2048 MiB, 2 CPUs (profile climate.large: 4096 MiB, 4 CPUs, capped at 2048 MiB and 2 CPUs for the sandbox)", head.sizing());
        assertEquals("[Match]\nMACAddress=52:54:00:77:00:01\n\n[Network]\nAddress=10.77.0.1/24\n", SandboxPlan.networkUnit(head));
        assertEquals("52:54:00:77:00:03", plan.nodes().get(2).mac());
    }

    @Test
    void overridesReplaceTheProfileAndTheCap() throws Exception {
        SandboxPlan plan = SandboxPlan.of("s", List.of(HEAD), List.of(), 3072, 1);
        assertEquals(3072, plan.nodes().get(0).memoryMiB());
        assertEquals(1, plan.nodes().get(0).cpus());
        assertEquals("3072 MiB, 1 CPUs (as given)", plan.nodes().get(0).sizing());
    }

    @Test
    void aGroupWithoutSandboxLineGetsOneMachineAndNeverMoreThanItsCount() throws Exception {
        Group io = new Group("io", 3, OptionalInt.empty(), "e", null, OptionalLong.empty(), OptionalInt.empty());
        Group small = new Group("gpu", 1, OptionalInt.of(4), "e", null, OptionalLong.empty(), OptionalInt.empty());
        SandboxPlan plan = SandboxPlan.of("s", List.of(io, small), List.of(), null, null);
        assertEquals(List.of("io", "gpu"), plan.nodes().stream().map(Node::name).toList());
        assertEquals(1, plan.levels().size(), "no dependency: they start together");
        assertEquals("io slots=1\ngpu slots=1\n", plan.hostfile(), "nothing uses the first group: every machine");
        assertEquals("2048 MiB, 2 CPUs (no profile)", plan.nodes().get(0).sizing());
    }

    @Test
    void levelsFollowChainsOfUses() throws Exception {
        Group a = new Group("a", 1, OptionalInt.empty(), "e", null, OptionalLong.empty(), OptionalInt.empty());
        Group b = new Group("b", 2, OptionalInt.of(2), "e", null, OptionalLong.empty(), OptionalInt.empty());
        Group c = new Group("c", 1, OptionalInt.empty(), "e", null, OptionalLong.empty(), OptionalInt.empty());
        SandboxPlan plan = SandboxPlan.of("s", List.of(c, b, a), List.of(new String[] {"c", "b"}, new String[] {"b", "a"}, new String[] {"c", "a"}),
                null, null);
        assertEquals(List.of("a", "b-1", "b-2", "c"), plan.nodes().stream().map(Node::name).toList());
        assertEquals(3, plan.levels().size());
        assertEquals("b-1 slots=1\nb-2 slots=1\nc slots=1\n", plan.hostfile());
    }

    @Test
    void aCycleOfUsesIsOneSentence() {
        Group a = new Group("a", 1, OptionalInt.empty(), "e", null, OptionalLong.empty(), OptionalInt.empty());
        Group b = new Group("b", 1, OptionalInt.empty(), "e", null, OptionalLong.empty(), OptionalInt.empty());
        Command.UsageException e = assertThrows(Command.UsageException.class,
                () -> SandboxPlan.of("s", List.of(a, b), List.of(new String[] {"a", "b"}, new String[] {"b", "a"}), null, null));
        assertTrue(e.getMessage().startsWith("the groups of s use each other in a cycle"), e.getMessage());
    }

    @Test
    void oneEnvironmentIsOneMachineNamedAfterIt() {
        SandboxPlan plan = SandboxPlan.single("climate.model", null, null);
        assertEquals("climate-model", plan.nodes().get(0).name());
        assertEquals(2048, plan.nodes().get(0).memoryMiB());
    }
}
