package org.vsestudio.dsl.ide.diagram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.vsestudio.dsl.hostlist.HostList;
import org.vsestudio.dsl.vse.Deployment;
import org.vsestudio.dsl.vse.DeploymentMode;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.MachineSetMember;
import org.vsestudio.dsl.vse.Uses;
import org.vsestudio.dsl.vse.VsePackage;

/**
 * Draws a machine set as SVG: one box per group (its size, environment and deployment,
 * coloured by the protection the deployment gives), servers above the clients that use
 * them, an arrow from each client to its server. It reads the text as written, so it draws
 * a file that does not link or validate yet, as a user types it.
 */
public final class TopologySvg {

    private static final int BOX_W = 210;
    private static final int BOX_H = 74;
    private static final int GAP_X = 36;
    private static final int GAP_Y = 64;
    private static final int MARGIN = 24;

    /** One group as drawn. */
    record Box(String name, String size, String environment, String deployment, String color, int level, int column) {
    }

    private TopologySvg() {
    }

    /** @return the SVG document of {@code machineSet} */
    public static String render(MachineSet machineSet) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, List<String>> servers = new HashMap<>();
        Map<String, DeploymentMode> deployments = new HashMap<>();
        for (MachineSetMember m : machineSet.getMembers()) {
            if (m instanceof Group g && g.getName() != null) {
                groups.putIfAbsent(g.getName(), g);
            } else if (m instanceof Uses u) {
                servers.computeIfAbsent(text(u, VsePackage.Literals.USES__CLIENT), k -> new ArrayList<>())
                        .add(text(u, VsePackage.Literals.USES__SERVER));
            } else if (m instanceof Deployment d) {
                deployments.put(text(d, VsePackage.Literals.DEPLOYMENT__GROUP), d.getMode());
            }
        }
        Map<String, Integer> levels = new HashMap<>();
        for (String g : groups.keySet()) {
            level(g, servers, levels, new HashSet<>());
        }
        Map<Integer, Integer> columns = new HashMap<>();
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            int level = levels.get(g.getName());
            int column = columns.merge(level, 1, Integer::sum) - 1;
            DeploymentMode mode = deployments.get(g.getName());
            boxes.put(g.getName(), new Box(g.getName(), size(g), text(g, VsePackage.Literals.GROUP__ENVIRONMENT),
                    deploymentLabel(mode), color(mode), level, column));
        }
        int widest = columns.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int rows = columns.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int width = 2 * MARGIN + widest * BOX_W + (widest - 1) * GAP_X;
        int height = 2 * MARGIN + 28 + rows * BOX_H + (rows - 1) * GAP_Y;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" ")
                .append("orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 4)
                .append("\" font-size=\"15\" font-weight=\"bold\" fill=\"#222\">machines ").append(xml(machineSet.getName()))
                .append("</text>\n");
        if (machineSet.getExpression() != null) {
            svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 28).append("\" fill=\"#444\">= ")
                    .append(xml(NodeModelUtils.getTokenText(NodeModelUtils.getNode(machineSet.getExpression())))).append("</text>\n");
        }
        servers.forEach((client, list) -> {
            Box from = boxes.get(client);
            for (String server : list) {
                Box to = boxes.get(server);
                if (from != null && to != null) {
                    svg.append("<line class=\"uses\" x1=\"").append(x(from) + BOX_W / 2).append("\" y1=\"").append(y(from))
                            .append("\" x2=\"").append(x(to) + BOX_W / 2).append("\" y2=\"").append(y(to) + BOX_H)
                            .append("\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"><title>")
                            .append(xml(client)).append(" uses ").append(xml(server)).append("</title></line>\n");
                }
            }
        });
        for (Box b : boxes.values()) {
            int x = x(b);
            int y = y(b);
            svg.append("<g class=\"group\" id=\"group-").append(xml(b.name())).append("\">");
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"").append(b.color())
                    .append("\" stroke=\"#333\"/>");
            line(svg, x, y + 18, "bold", b.name() + "  ·  " + b.size());
            line(svg, x, y + 38, "normal", "runs " + (b.environment().isEmpty() ? "(no environment)" : b.environment()));
            line(svg, x, y + 58, "normal", b.deployment());
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void line(StringBuilder svg, int x, int y, String weight, String text) {
        svg.append("<text x=\"").append(x + 10).append("\" y=\"").append(y).append("\" font-weight=\"").append(weight)
                .append("\" fill=\"#111\">").append(xml(text)).append("</text>");
    }

    private static int x(Box b) {
        return MARGIN + b.column() * (BOX_W + GAP_X);
    }

    private static int y(Box b) {
        return MARGIN + 28 + b.level() * (BOX_H + GAP_Y);
    }

    /** Servers first: a group's level is one below the deepest server it uses (cycles cut). */
    private static int level(String group, Map<String, List<String>> servers, Map<String, Integer> levels, Set<String> path) {
        Integer known = levels.get(group);
        if (known != null) {
            return known;
        }
        if (!path.add(group)) {
            return 0;
        }
        int level = 0;
        for (String server : servers.getOrDefault(group, List.of())) {
            level = Math.max(level, level(server, servers, levels, path) + 1);
        }
        path.remove(group);
        levels.put(group, level);
        return level;
    }

    private static String size(Group g) {
        if (g.getNodes() != null) {
            try {
                long n = HostList.parse(g.getNodes()).count();
                return g.getNodes() + " (" + n + (n == 1 ? " node)" : " nodes)");
            } catch (HostList.SyntaxException e) {
                return g.getNodes();
            }
        }
        return g.getCount() + (g.getCount() == 1 ? " node" : " nodes");
    }

    private static String deploymentLabel(DeploymentMode mode) {
        if (mode == null) {
            return "deployment not set";
        }
        return switch (mode) {
            case VIRTUAL -> "virtual · high protection";
            case DISKLESS_NFS -> "diskless nfs · medium protection";
            case DISKLESS_RAMFS -> "diskless ramfs · medium protection";
            case DISKFULL -> "diskfull · low protection";
        };
    }

    private static String color(DeploymentMode mode) {
        if (mode == null) {
            return "#eeeeee";
        }
        return switch (mode) {
            case VIRTUAL -> "#d4edda";
            case DISKLESS_NFS, DISKLESS_RAMFS -> "#fff3cd";
            case DISKFULL -> "#f8d7da";
        };
    }

    /** The text a reference is written with, whether or not it links. */
    private static String text(EObject object, EStructuralFeature feature) {
        List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
        return nodes.isEmpty() ? "" : NodeModelUtils.getTokenText(nodes.get(0)).trim();
    }

    private static String xml(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
