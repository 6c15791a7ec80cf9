package org.vsestudio.dsl.hostlist;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A host list in Slurm's syntax: comma-separated items, each a host name whose digit runs
 * may be replaced by bracketed ranges, {@code n[001-128,200]} or {@code rack[1-2]n[01-16]}.
 * A range's lower bound written with leading zeros gives the width every number of the
 * range is padded to, as Slurm does.
 *
 * <p>Parsing, {@link #count() counting} and {@link #firstCommonHost(HostList) overlap}
 * never expand the list; {@link #iterator()} produces names one at a time.
 */
public final class HostList implements Iterable<String> {

    /** A problem in a host list's text, at a character offset within it. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;
        private final int length;

        SyntaxException(String message, int offset, int length) {
            super(message);
            this.offset = offset;
            this.length = Math.max(1, length);
        }

        /** @return where in the host list text the problem starts (0-based) */
        public int offset() {
            return offset;
        }

        /** @return how many characters the problem spans (at least 1) */
        public int length() {
            return length;
        }
    }

    /** An inclusive interval of numbers, each written with at least {@code width} digits. */
    record Interval(long low, long high, int width) {
        long size() {
            return high - low + 1;
        }

        String render(long value) {
            String digits = Long.toString(value);
            return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
        }
    }

    /** One part of an item: literal text, or a number drawn from intervals. */
    sealed interface Segment permits Text, Numbers {
    }

    record Text(String text) implements Segment {
    }

    record Numbers(List<Interval> intervals) implements Segment {
        long size() {
            long n = 0;
            for (Interval i : intervals) {
                n = Math.addExact(n, i.size());
            }
            return n;
        }

        String render(long index) {
            for (Interval i : intervals) {
                if (index < i.size()) {
                    return i.render(i.low() + index);
                }
                index -= i.size();
            }
            throw new IndexOutOfBoundsException();
        }
    }

    /** One comma-separated item: the product of its segments. */
    record Item(List<Segment> segments) {
        long count() {
            long n = 1;
            for (Segment s : segments) {
                if (s instanceof Numbers num) {
                    n = Math.multiplyExact(n, num.size());
                }
            }
            return n;
        }
    }

    private static final long MAX_NUMBER = 999_999_999_999L;

    private final String text;
    private final List<Item> items;
    private final long count;

    private HostList(String text, List<Item> items, long count) {
        this.text = text;
        this.items = items;
        this.count = count;
    }

    /**
     * Parses a host list.
     *
     * @throws SyntaxException naming the first problem and where it is
     */
    public static HostList parse(String text) throws SyntaxException {
        List<Item> items = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (n == 0) {
            throw new SyntaxException("A host list must name at least one host.", 0, 1);
        }
        while (i <= n) {
            int start = i;
            List<Segment> segments = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            while (i < n && text.charAt(i) != ',') {
                char c = text.charAt(i);
                if (c == '[') {
                    if (!literal.isEmpty()) {
                        segments.add(new Text(literal.toString()));
                        literal.setLength(0);
                    }
                    int close = text.indexOf(']', i);
                    int nested = text.indexOf('[', i + 1);
                    if (close < 0) {
                        throw new SyntaxException("The '[' at column " + (i + 1) + " is never closed with ']'.", i, 1);
                    }
                    if (nested >= 0 && nested < close) {
                        throw new SyntaxException("Brackets cannot be nested in a host list.", nested, 1);
                    }
                    segments.add(ranges(text, i + 1, close));
                    i = close + 1;
                } else if (c == ']') {
                    throw new SyntaxException("The ']' at column " + (i + 1) + " closes no '['.", i, 1);
                } else if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_') {
                    literal.append(c);
                    i++;
                } else {
                    throw new SyntaxException("'" + c + "' cannot appear in a host name.", i, 1);
                }
            }
            if (!literal.isEmpty()) {
                segments.add(new Text(literal.toString()));
            }
            if (segments.isEmpty()) {
                throw new SyntaxException("The host list has an empty entry at column " + (start + 1) + ".", start, 1);
            }
            if (segments.get(0) instanceof Text t && !Character.isLetterOrDigit(t.text().charAt(0))) {
                throw new SyntaxException("A host name cannot start with '" + t.text().charAt(0) + "'.", start, 1);
            }
            items.add(new Item(List.copyOf(segments)));
            i++; // past the comma (or past the end)
            if (i == n && text.charAt(n - 1) == ',') {
                throw new SyntaxException("The host list ends with ','.", n - 1, 1);
            }
        }
        long total = 0;
        try {
            for (Item item : items) {
                total = Math.addExact(total, item.count());
            }
        } catch (ArithmeticException e) {
            throw new SyntaxException("The host list names more hosts than can be counted.", 0, n);
        }
        return new HostList(text, List.copyOf(items), total);
    }

    /** Parses {@code 001-128,200} between brackets at {@code [from, to)}. */
    private static Numbers ranges(String text, int from, int to) throws SyntaxException {
        List<Interval> intervals = new ArrayList<>();
        int i = from;
        if (from == to) {
            throw new SyntaxException("The brackets at column " + from + " are empty.", from - 1, 2);
        }
        while (i <= to) {
            int end = text.indexOf(',', i);
            if (end < 0 || end > to) {
                end = to;
            }
            String part = text.substring(i, end);
            if (part.isEmpty()) {
                throw new SyntaxException("An empty range in brackets at column " + (i + 1) + ".", i, 1);
            }
            int dash = part.indexOf('-');
            String lo = dash < 0 ? part : part.substring(0, dash);
            String hi = dash < 0 ? part : part.substring(dash + 1);
            if (!isNumber(lo) || !isNumber(hi)) {
                throw new SyntaxException("'" + part + "' is not a number or a range such as 001-128.", i, part.length());
            }
            if (lo.length() > 12 || hi.length() > 12) {
                throw new SyntaxException("The number '" + part + "' is too long for a host name.", i, part.length());
            }
            long low = Long.parseLong(lo);
            long high = Long.parseLong(hi);
            if (low > high) {
                throw new SyntaxException("The range " + part + " runs backwards; write " + hi + "-" + lo + ".", i, part.length());
            }
            if (high > MAX_NUMBER) {
                throw new SyntaxException("The number " + hi + " is too large.", i, part.length());
            }
            int width = lo.length() > 1 && lo.charAt(0) == '0' ? lo.length() : 0;
            intervals.add(new Interval(low, high, width));
            i = end + 1;
        }
        return new Numbers(List.copyOf(intervals));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** @return {@code null} if {@code text} is a valid host list, else the problem */
    public static SyntaxException problem(String text) {
        try {
            parse(text);
            return null;
        } catch (SyntaxException e) {
            return e;
        }
    }

    /** @return the number of host names in the list (duplicates counted each time) */
    public long count() {
        return count;
    }

    /** @return the first host name of the list */
    public String first() {
        return iterator().next();
    }

    /** @return the host names, one at a time, in the order Slurm lists them */
    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int item;
            private long index;

            @Override
            public boolean hasNext() {
                while (item < items.size() && index >= items.get(item).count()) {
                    item++;
                    index = 0;
                }
                return item < items.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String name = render(items.get(item), index);
                index++;
                return name;
            }
        };
    }

    private static String render(Item item, long index) {
        // the last bracket group varies fastest, as in Slurm's expansion
        String[] parts = new String[item.segments().size()];
        for (int s = parts.length - 1; s >= 0; s--) {
            Segment seg = item.segments().get(s);
            if (seg instanceof Text t) {
                parts[s] = t.text();
            } else {
                Numbers num = (Numbers) seg;
                parts[s] = num.render(index % num.size());
                index /= num.size();
            }
        }
        return String.join("", parts);
    }

    /** @return whether {@code host} is one of the names of this list */
    public boolean contains(String host) {
        for (Item item : items) {
            if (matches(item.segments(), 0, host, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<Segment> segments, int s, String host, int at) {
        if (s == segments.size()) {
            return at == host.length();
        }
        Segment seg = segments.get(s);
        if (seg instanceof Text t) {
            return host.startsWith(t.text(), at) && matches(segments, s + 1, host, at + t.text().length());
        }
        Numbers num = (Numbers) seg;
        int end = at;
        while (end < host.length() && end - at < 12 && Character.isDigit(host.charAt(end))) {
            end++;
            String digits = host.substring(at, end);
            long value = Long.parseLong(digits);
            for (Interval i : num.intervals()) {
                if (value >= i.low() && value <= i.high() && i.render(value).equals(digits)
                        && matches(segments, s + 1, host, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The first host name (in this list's order) that {@code other} also names, found
     * without expanding either list when their items have the same shape.
     */
    public Optional<String> firstCommonHost(HostList other) {
        for (Item a : items) {
            for (Item b : other.items) {
                Optional<String> common = sameShape(a, b) ? intersect(a, b) : scan(a, b, other);
                if (common.isPresent()) {
                    return common;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameShape(Item a, Item b) {
        if (a.segments().size() != b.segments().size()) {
            return false;
        }
        for (int s = 0; s < a.segments().size(); s++) {
            Segment x = a.segments().get(s);
            Segment y = b.segments().get(s);
            if (x instanceof Text tx ? !(y instanceof Text ty && tx.text().equals(ty.text())) : !(y instanceof Numbers)) {
                return false;
            }
        }
        return true;
    }

    /** Items of one shape share a host if every number position has a common rendering. */
    private static Optional<String> intersect(Item a, Item b) {
        StringBuilder host = new StringBuilder();
        for (int s = 0; s < a.segments().size(); s++) {
            if (a.segments().get(s) instanceof Text t) {
                host.append(t.text());
                continue;
            }
            String best = null;
            long bestValue = Long.MAX_VALUE;
            for (Interval x : ((Numbers) a.segments().get(s)).intervals()) {
                for (Interval y : ((Numbers) b.segments().get(s)).intervals()) {
                    long lo = Math.max(x.low(), y.low());
                    long hi = Math.min(x.high(), y.high());
                    // v renders alike in both when both widths agree, or once v has as many
                    // digits as the wider padding
                    long first = x.width() == y.width() ? lo : Math.max(lo, pow10(Math.max(x.width(), y.width()) - 1));
                    if (first <= hi && first < bestValue) {
                        bestValue = first;
                        best = x.render(first);
                    }
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            host.append(best);
        }
        return Optional.of(host.toString());
    }

    private static long pow10(int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) {
            p *= 10;
        }
        return p;
    }

    /** Items of different shapes: the smaller is walked, the other matched structurally. */
    private static Optional<String> scan(Item a, Item b, HostList other) {
        HostList single = new HostList("", List.of(a), a.count());
        HostList otherSingle = new HostList("", List.of(b), b.count());
        if (a.count() <= b.count()) {
            for (String host : single) {
                if (otherSingle.contains(host)) {
                    return Optional.of(host);
                }
            }
        } else {
            for (String host : otherSingle) {
                if (single.contains(host)) {
                    return Optional.of(host);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
