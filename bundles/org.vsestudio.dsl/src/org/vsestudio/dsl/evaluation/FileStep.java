package org.vsestudio.dsl.evaluation;

import org.eclipse.emf.common.util.URI;

/** One step of a {@code files} block, in the order written (the base's steps first). */
public sealed interface FileStep permits FileStep.Copy, FileStep.Link, FileStep.Delete, FileStep.Append, FileStep.Replace {

	/** @return where the step is written */
	Origin origin();

	/** @return the absolute path in the image that the step changes */
	String path();

	/**
	 * {@code copy "source" to "/target"}.
	 *
	 * @param source the source as written, relative to the folder of the {@code .vse} file
	 * @param resolvedSource the source resolved against the {@code .vse} file's URI, or
	 *        {@code null} if it cannot be resolved
	 * @param target the absolute path in the image
	 */
	record Copy(String source, URI resolvedSource, String target, Origin origin) implements FileStep {
		@Override
		public String path() {
			return target;
		}
	}

	/** {@code link "/target" as "/link/name"}: a symbolic link named {@code link} pointing at {@code target}. */
	record Link(String target, String link, Origin origin) implements FileStep {
		@Override
		public String path() {
			return link;
		}
	}

	/** {@code delete "/path"} */
	record Delete(String path, Origin origin) implements FileStep {
	}

	/** {@code edit "/file" append "line"} */
	record Append(String path, String line, Origin origin) implements FileStep {
	}

	/** {@code edit "/file" replace "regex" with "text"} */
	record Replace(String path, String pattern, String replacement, Origin origin) implements FileStep {
	}
}
