package org.vsestudio.dsl.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;

/**
 * The inputs of {@link FuzzTest}. Case {@code i} of a seed is always the same text, whatever
 * ran before it: first every source truncated at every {@value #TRUNCATION_STEP}th offset, then
 * random soups of the language's tokens and random mutations of the sources (characters,
 * words and lines deleted, duplicated or swapped; brackets, quotes and other characters
 * inserted; the text cut short), in turn.
 */
final class Fuzzer {

	static final int TRUNCATION_STEP = 13;

	private static final Pattern WORD = Pattern.compile("\\S+");

	/** Words of every kind the lexer knows, and some it does not. */
	private static final List<String> WORDS = List.of("mpi", "ornl.base", "ornl.standard", "ornl.*", "climate.model",
			"openmpi-bin", "python3-scipy", "g++", "libstdc++6", "libc6:i386", "3.2.2-2", "1:2.0~rc1+dfsg", "22.05",
			"4.1", "bookworm", "debian", "amd64", "head", "compute", "io", "^at", "^packages", "^", "0", "1", "64",
			"007", "2147483647", "2147483648", "99999999999999999999", "52:54:00:12:34:56", "01:00:5e:00:00:01",
			"n[001-128,200]", "io[01-04]", "rack[1-2]n[01-10],login1", "n[", "n[1-", "]", "[]", "n[]", "\"br0\"",
			"\"model/\"", "\"\"", "\"a\\\"b\"", "\"unterminated", "\"line\nbreak\"", "// comment\n", "// at the end",
			"/* block */", "/* two\nlines */", "/* unterminated", "*/", "*", ".", "..", "a.", "-", "+", "~", ":",
			"é", "→", "\u00a0", "\ufeff", "\u0000", "\ud83d\ude00", "\ud83d", "\t", "\r", "\\", "#", "$", "@", "!",
			"?", ";", "'", "`", "%", "=>", "=<", "!=", "==");

	private static final List<String> SEPARATORS = List.of(" ", " ", " ", " ", "", "\n", "\n\n", "  ", "\t", "\r\n");

	/** Characters that mutations insert. */
	private static final List<String> INSERTS = List.of("{", "}", "(", ")", "[", "]", "\"", "'", ",", "&", "+", "-",
			"=", "<", ">", "|", "^", "*", ".", ":", "/", "/*", "//", " ", "\n", "\t", "\r", "é", "\u00a0", "\ufeff",
			"\u0000", "\ud83d\ude00", "\ud800", "0", "9", "a", "_");

	private final long seed;

	private final List<String> sources;

	private final List<String> keywords;

	/** The source and offset of each truncation case. */
	private final List<int[]> truncations = new ArrayList<>();

	Fuzzer(long seed, List<String> sources) {
		this.seed = seed;
		this.sources = sources;
		this.keywords = new ArrayList<>(
				GrammarUtil.getAllKeywords(Examples.injector().getInstance(IGrammarAccess.class).getGrammar()));
		this.keywords.sort(null);
		for (int s = 0; s < sources.size(); s++) {
			for (int offset = 0; offset < sources.get(s).length(); offset += TRUNCATION_STEP) {
				truncations.add(new int[] { s, offset });
			}
		}
	}

	/** @return the text of case {@code index} */
	String input(int index) {
		if (index < truncations.size()) {
			int[] truncation = truncations.get(index);
			return sources.get(truncation[0]).substring(0, truncation[1]);
		}
		Random random = new Random(seed ^ (index * 0x9E3779B97F4A7C15L));
		return index % 2 == 0 ? soup(random) : mutation(random);
	}

	private String soup(Random random) {
		StringBuilder text = new StringBuilder();
		int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 40);
		for (int i = 0; i < length; i++) {
			text.append(random.nextInt(3) == 0 ? pick(random, WORDS) : pick(random, keywords));
			text.append(pick(random, SEPARATORS));
		}
		return text.toString();
	}

	private String mutation(Random random) {
		String text = pick(random, sources);
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations && !text.isEmpty(); i++) {
			text = mutate(random, text);
		}
		return text;
	}

	private static String mutate(Random random, String text) {
		int at = random.nextInt(text.length());
		switch (random.nextInt(10)) {
			case 0:
				return text.substring(0, at) + text.substring(at + 1);
			case 1:
				return text.substring(0, at + 1) + text.substring(at);
			case 2:
				return at + 1 < text.length()
						? text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2)
						: text;
			case 3:
				return text.substring(0, at) + pick(random, INSERTS) + text.substring(at);
			case 4:
				return text.substring(0, at);
			case 5:
				return mutateUnits(random, text, words(text));
			case 6:
				return mutateUnits(random, text, lines(text));
			case 7:
				return text.substring(0, at) + pick(random, WORDS) + " " + text.substring(at);
			case 8:
				return text.substring(0, at) + pick(random, INSERTS) + text.substring(Math.min(text.length(), at + 1));
			default:
				return mutateUnits(random, text, random.nextBoolean() ? words(text) : lines(text));
		}
	}

	/** Deletes, duplicates or swaps one of {@code units} (start and end offsets in {@code text}). */
	private static String mutateUnits(Random random, String text, List<int[]> units) {
		if (units.size() < 2) {
			return text;
		}
		int i = random.nextInt(units.size());
		int[] unit = units.get(i);
		String content = text.substring(unit[0], unit[1]);
		switch (random.nextInt(3)) {
			case 0:
				return text.substring(0, unit[0]) + text.substring(unit[1]);
			case 1:
				return text.substring(0, unit[1]) + " " + content + text.substring(unit[1]);
			default:
				int[] other = units.get(random.nextInt(units.size()));
				if (other[0] == unit[0]) {
					return text;
				}
				int[] first = other[0] < unit[0] ? other : unit;
				int[] second = first == unit ? other : unit;
				return text.substring(0, first[0]) + text.substring(second[0], second[1])
						+ text.substring(first[1], second[0]) + text.substring(first[0], first[1])
						+ text.substring(second[1]);
		}
	}

	private static List<int[]> words(String text) {
		List<int[]> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			words.add(new int[] { matcher.start(), matcher.end() });
		}
		return words;
	}

	private static List<int[]> lines(String text) {
		List<int[]> lines = new ArrayList<>();
		int start = 0;
		for (int i = 0; i <= text.length(); i++) {
			if (i == text.length() || text.charAt(i) == '\n') {
				lines.add(new int[] { start, i });
				start = i + 1;
			}
		}
		return lines;
	}

	private static <T> T pick(Random random, List<T> list) {
		return list.get(random.nextInt(list.size()));
	}

	/** {@code text} as a Java string literal, to paste into a test. */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						escaped.append(String.format("\\u%04x", (int) c));
					} else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.append('"').toString();
	}
}
