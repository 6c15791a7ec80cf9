package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.junit.jupiter.api.Test;

/**
 * Robustness: random soups of the language's tokens and mutations of the examples go through
 * every phase an editor runs on a file: parse, link, validate, format, and (every fourth case
 * that has no error) serialize. No phase may throw or log an error, the formatter may not change
 * a word and must be idempotent on text without syntax errors, the serializer must give back an
 * equal model, and no case may take a second.
 * <p>
 * A run is {@value #DEFAULT_CASES} cases; {@code -Dvse.fuzz.cases=N} runs N (a benchmark
 * run), {@code -Dvse.fuzz.seed=S} runs seed S (each run prints its seed). The build uses a
 * fixed seed, so that a build fails only for what its change did; {@code benchmarks/fuzz.sh}
 * runs many more cases with new seeds to find what the fixed one does not.
 * A failure prints the input, and a smaller one that fails the same way.
 */
class FuzzTest {

	/** The seed of the build's run. */
	private static final long BUILD_SEED = 20261122L;

	static final int DEFAULT_CASES = 10_000;

	private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** How long a case may run before the test gives up waiting: it hangs. */
	private static final long HANG_SECONDS = 20;

	@Test
	void noPhaseFailsOnRandomText() throws Exception {
		int cases = Integer.getInteger("vse.fuzz.cases", DEFAULT_CASES);
		long seed = Long.getLong("vse.fuzz.seed", BUILD_SEED);
		System.out.printf("FuzzTest: %d cases with seed %d (replay: -Dvse.fuzz.seed=%d)%n", cases, seed, seed);

		Fuzzer fuzzer = new Fuzzer(seed, sources());
		ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
			Thread thread = new Thread(task, "fuzz");
			thread.setDaemon(true);
			return thread;
		});
		try (Pipeline pipeline = new Pipeline()) {
			long start = System.nanoTime();
			long slowest = 0;
			int slowestCase = -1;
			int withoutErrors = 0;
			for (int i = 0; i < cases; i++) {
				String input = fuzzer.input(i);
				int index = i;
				Future<long[]> result = worker.submit(() -> {
					long caseStart = System.nanoTime();
					boolean clean = pipeline.run(input, serializes(index));
					return new long[] { clean ? 1 : 0, System.nanoTime() - caseStart };
				});
				long nanos;
				try {
					long[] outcome = result.get(HANG_SECONDS, TimeUnit.SECONDS);
					withoutErrors += (int) outcome[0];
					nanos = outcome[1];
				} catch (TimeoutException e) {
					result.cancel(true);
					throw new AssertionError(report(seed, i, "hangs (no result after " + HANG_SECONDS + " s)", input, null));
				} catch (ExecutionException e) {
					String smaller = minimize(pipeline, input, serializes(i), e.getCause());
					throw new AssertionError(report(seed, i, e.getCause().getMessage(), input, smaller), e.getCause());
				}
				if (nanos > slowest) {
					slowest = nanos;
					slowestCase = i;
				}
				if (nanos > LIMIT_NANOS) {
					fail(report(seed, i, "takes " + nanos / 1_000_000 + " ms", input, null));
				}
			}
			System.out.printf("FuzzTest: %d cases (%d without errors) in %d ms; slowest case %d: %d ms%n", cases,
					withoutErrors, (System.nanoTime() - start) / 1_000_000, slowestCase, slowest / 1_000_000);
		} finally {
			worker.shutdownNow();
		}
	}

	/** The serializer is slow (a few milliseconds a model): every fourth case is enough. */
	private static boolean serializes(int index) {
		return index % 4 == 0;
	}

	private static List<String> sources() throws IOException {
		List<String> sources = new ArrayList<>();
		for (Path file : Examples.all()) {
			sources.add(Files.readString(file));
		}
		sources.add(AllConstructs.TEXT);
		return sources;
	}

	private static String report(long seed, int index, String problem, String input, String smaller) {
		StringBuilder report = new StringBuilder();
		report.append("case ").append(index).append(" of seed ").append(seed).append(" (-Dvse.fuzz.seed=")
				.append(seed).append("): ").append(problem).append("\n--- input:\n").append(input)
				.append("\n--- end of input ").append(Fuzzer.escape(input));
		if (smaller != null && !smaller.equals(input)) {
			report.append("\n--- smaller input that fails the same way:\n").append(smaller)
					.append("\n--- end of smaller input ").append(Fuzzer.escape(smaller));
		}
		return report.toString();
	}

	/**
	 * Removes lines, then words, then characters from {@code input} as long as the pipeline
	 * still fails with the same kind of exception; gives up after a few hundred tries.
	 */
	private static String minimize(Pipeline pipeline, String input, boolean serialize, Throwable failure) {
		String current = input;
		int tries = 0;
		for (String unit : List.of("\n", " ", "")) {
			boolean shrunk = true;
			while (shrunk && tries < 400) {
				shrunk = false;
				List<String> parts = split(current, unit);
				for (int i = 0; i < parts.size() && tries < 400; i++) {
					List<String> fewer = new ArrayList<>(parts);
					fewer.remove(i);
					String candidate = String.join(unit, fewer);
					tries++;
					if (failsLike(pipeline, candidate, serialize, failure)) {
						current = candidate;
						shrunk = true;
						break;
					}
				}
			}
		}
		return current;
	}

	private static List<String> split(String text, String unit) {
		if (unit.isEmpty()) {
			return text.codePoints().mapToObj(Character::toString).toList();
		}
		return List.of(text.split(Pattern.quote(unit), -1));
	}

	private static boolean failsLike(Pipeline pipeline, String input, boolean serialize, Throwable failure) {
		try {
			pipeline.run(input, serialize);
			return false;
		} catch (Throwable t) {
			return t.getClass() == failure.getClass() && String.valueOf(t.getMessage()).lines().findFirst()
					.equals(String.valueOf(failure.getMessage()).lines().findFirst());
		}
	}

	/**
	 * The phases an editor runs on a file, on one input at a time. An error that Xtext catches
	 * and logs (the validator, for one, logs what a check throws) fails the case too.
	 */
	private static final class Pipeline implements AutoCloseable {

		private final XtextResourceSet set = Parsing.newResourceSet();

		private final IResourceValidator validator = Examples.injector().getInstance(IResourceValidator.class);

		private final ISerializer serializer = Examples.injector().getInstance(ISerializer.class);

		private final List<String> logged = new CopyOnWriteArrayList<>();

		private final AppenderSkeleton appender;

		Pipeline() {
			// the site base that the examples import
			try {
				Formatting.parse(set, Files.readString(Examples.FOLDER.resolve("site/ornl.vse")));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			appender = new AppenderSkeleton() {
				@Override
				protected void append(LoggingEvent event) {
					if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
						logged.add(event.getLoggerName() + " logged " + event.getRenderedMessage()
								+ (event.getThrowableInformation() == null ? ""
										: ": " + event.getThrowableInformation().getThrowable()));
					}
				}

				@Override
				public void close() {
				}

				@Override
				public boolean requiresLayout() {
					return false;
				}
			};
			Logger.getRootLogger().addAppender(appender);
		}

		/**
		 * @param serialize whether to serialize the model too, if the input has no error
		 * @return whether the input has no syntax error
		 */
		boolean run(String input, boolean serialize) {
			List<Resource> created = new ArrayList<>();
			logged.clear();
			boolean withoutErrors;
			try {
				withoutErrors = runPhases(input, serialize, created);
			} finally {
				for (Resource resource : created) {
					resource.unload();
					set.getResources().remove(resource);
				}
			}
			check(logged.isEmpty(), "an error was logged", String.join("\n", logged));
			return withoutErrors;
		}

		private boolean runPhases(String input, boolean serialize, List<Resource> created) {
			XtextResource resource = phase("parse", () -> Formatting.parse(set, input));
			created.add(resource);
			phase("link", () -> EcoreUtil.resolveAll(resource));
			phase("validate", () -> validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl));
			String formatted = phase("format", () -> Formatting.format(resource));
			// the text as read (UTF-8 has no lone surrogate: one becomes '?')
			String text = resource.getParseResult().getRootNode().getText();
			check(Formatting.tokens(text).equals(Formatting.tokens(formatted)), "the formatter changed a word",
					formatted);
			if (!Parsing.syntaxErrors(resource).isEmpty()) {
				return false;
			}

			XtextResource reformatted = Formatting.parse(set, formatted);
			created.add(reformatted);
			check(Parsing.syntaxErrors(reformatted).isEmpty(), "the formatted text has syntax errors", formatted);
			String twice = phase("format", () -> Formatting.format(reformatted));
			check(twice.equals(formatted), "formatting again changed the text", formatted + "\n--- then:\n" + twice);

			EObject model = resource.getContents().get(0);
			if (serialize && EcoreUtil.UnresolvedProxyCrossReferencer.find(resource).isEmpty()) {
				String serialized = phase("serialize",
						() -> serializer.serialize(model, SaveOptions.newBuilder().format().getOptions()));
				XtextResource reparsed = Formatting.parse(set, serialized);
				created.add(reparsed);
				EcoreUtil.resolveAll(reparsed);
				check(reparsed.getErrors().isEmpty() && EcoreUtil.equals(model, reparsed.getContents().get(0)),
						"the serialized text gives another model", serialized);
			}
			return true;
		}

		@Override
		public void close() {
			Logger.getRootLogger().removeAppender(appender);
		}

		private static void phase(String name, Runnable phase) {
			phase(name, () -> {
				phase.run();
				return null;
			});
		}

		private static <T> T phase(String name, Supplier<T> phase) {
			try {
				return phase.get();
			} catch (RuntimeException | Error e) {
				throw new IllegalStateException(name + " threw " + e, e);
			}
		}

		private static void check(boolean condition, String problem, String text) {
			if (!condition) {
				throw new IllegalStateException(problem + ":\n" + text);
			}
		}
	}
}
