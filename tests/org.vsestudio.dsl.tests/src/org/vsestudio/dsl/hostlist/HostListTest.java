package org.vsestudio.dsl.hostlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostListTest {

    private static HostList parse(String s) {
        try {
            return HostList.parse(s);
        } catch (HostList.SyntaxException e) {
            throw new AssertionError(s + ": " + e.getMessage(), e);
        }
    }

    private static List<String> expand(String s) {
        List<String> all = new ArrayList<>();
        parse(s).forEach(all::add);
        return all;
    }

    @Test
    void expandsAsSlurmDoes() {
        assertEquals(List.of("io01", "io02", "io03", "io04"), expand("io[01-04]"));
        assertEquals(List.of("n8", "n9", "n10", "n200"), expand("n[8-10,200]"));
        assertEquals(List.of("n098", "n099", "n100"), expand("n[098-100]"));
        assertEquals(List.of("r1n1", "r1n2", "r2n1", "r2n2"), expand("r[1-2]n[1-2]"));
        assertEquals(List.of("login1", "io1", "io2", "gpu-a.x"), expand("login1,io[1-2],gpu-a.x"));
    }

    @ParameterizedTest(name = "{0} names {1} hosts")
    @CsvSource(delimiter = ' ', value = {
        "n[001-128,200] 129",
        "node17 1",
        "rack[1-4]n[01-32] 128",
        "c[000001-100000] 100000",
        "a[1-1000]b[1-1000]c[1-1000] 1000000000",
    })
    void countsWithoutExpanding(String list, long count) {
        assertEquals(count, parse(list).count());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "n[001-004|1|never closed",
        "n001-004]|8|closes no",
        "n[4-1]|2|runs backwards; write 1-4",
        "n[]|1|empty",
        "n[1,,2]|4|empty range",
        "n[a-b]|2|not a number",
        "n[1[2]]|3|nested",
        "n1,,n2|3|empty entry",
        "n1,|2|ends with ','",
        "n 1|1|cannot appear",
        "-n1|0|cannot start with '-'",
    })
    void reportsWhatIsWrongAndWhere(String list, int offset, String words) {
        HostList.SyntaxException e = assertThrows(HostList.SyntaxException.class, () -> HostList.parse(list));
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Test
    void findsTheFirstCommonHostWithoutExpanding() {
        assertEquals(Optional.of("n003"), parse("n[001-004]").firstCommonHost(parse("n[003-008]")));
        assertEquals(Optional.empty(), parse("n[001-004]").firstCommonHost(parse("n[005-008]")));
        // padding matters: n05 is not n5
        assertEquals(Optional.empty(), parse("n[01-09]").firstCommonHost(parse("n[1-9]")));
        assertEquals(Optional.of("n10"), parse("n[01-20]").firstCommonHost(parse("n[1-20]")));
        // different shapes: a literal host inside a range
        assertEquals(Optional.of("n007"), parse("login1,n007").firstCommonHost(parse("n[001-100]")));
        assertEquals(Optional.of("r2n1"), parse("r2n1").firstCommonHost(parse("r[1-4]n[1-8]")));
        // two huge groups: decided from their intervals
        assertEquals(Optional.of("c050000"), parse("c[000001-100000]").firstCommonHost(parse("c[050000-150000]")));
    }

    @Test
    void containsMatchesRenderedNames() {
        HostList l = parse("n[001-128,200],io[1-4]");
        assertTrue(l.contains("n064"));
        assertTrue(l.contains("n200"));
        assertTrue(l.contains("io3"));
        assertFalse(l.contains("n64"));
        assertFalse(l.contains("n129"));
        assertFalse(l.contains("io03"));
        assertEquals("n001", l.first());
    }
}
