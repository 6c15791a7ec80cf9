package org.vsestudio.packages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Suggestions for a misspelt package name: the names at the smallest edit distance. */
final class NearestNames {

    private NearestNames() {
    }

    private record Match(String name, int score) {
    }

    /**
     * @return up to {@code max} of {@code names} closest to {@code query}: by Damerau-Levenshtein
     *         distance (at most a third of the query's length, at least 2), then names that
     *         start with the query, then by length difference and name; if that gives fewer
     *         than {@code max}, names that share a word of four letters or more with the query
     */
    static List<String> find(String[] names, String query, int max) {
        if (max <= 0 || query.isEmpty()) {
            return List.of();
        }
        String q = query.toLowerCase();
        int limit = Math.max(2, q.length() / 3);
        List<Match> matches = new ArrayList<>();
        int[] prev2 = new int[64];
        int[] prev = new int[64];
        int[] cur = new int[64];
        for (String n : names) {
            if (n.equals(q)) {
                continue;
            }
            int score;
            if (Math.abs(n.length() - q.length()) <= limit) {
                if (n.length() + 1 > cur.length) {
                    prev2 = new int[n.length() + 1];
                    prev = new int[n.length() + 1];
                    cur = new int[n.length() + 1];
                }
                score = distance(q, n, limit, prev2, prev, cur);
            } else {
                score = Integer.MAX_VALUE;
            }
            if (score > limit) {
                if (n.startsWith(q) && q.length() >= 3) {
                    score = limit + 1 + (n.length() - q.length()) / 4;
                } else {
                    continue;
                }
            }
            matches.add(new Match(n, score));
        }
        if (matches.size() < max) {
            // nothing close: names that share a word of four letters or more, by their distance
            List<String> words = new ArrayList<>();
            for (String w : q.split("[-.+_:]")) {
                if (w.length() >= 4) {
                    words.add(w);
                }
            }
            int far = Integer.MAX_VALUE / 4;
            java.util.Set<String> have = new java.util.HashSet<>();
            matches.forEach(m -> have.add(m.name()));
            for (String n : words.isEmpty() ? new String[0] : names) {
                if (n.equals(q) || have.contains(n)) {
                    continue;
                }
                for (String w : words) {
                    if (n.contains(w)) {
                        int size = Math.max(n.length(), q.length()) + 1;
                        matches.add(new Match(n, 1000 + distance(q, n, far, new int[size], new int[size], new int[size])));
                        break;
                    }
                }
            }
        }
        matches.sort(Comparator.comparingInt(Match::score).thenComparingInt(m -> Math.abs(m.name().length() - q.length()))
                .thenComparing(Match::name));
        List<String> result = new ArrayList<>();
        for (Match m : matches) {
            if (result.size() == max) {
                break;
            }
            result.add(m.name());
        }
        return result;
    }

    /** @return the optimal string alignment distance, or {@code limit + 1} once it must exceed {@code limit} */
    private static int distance(String a, String b, int limit, int[] prev2, int[] prev, int[] cur) {
        int m = b.length();
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
