package org.vsestudio.dsl.evaluation;

import java.util.List;

/** Where an environment's packages come from: the building host's apt sources, or a named mirror. */
public sealed interface RepositorySource permits RepositorySource.Host, RepositorySource.Mirror {

	/** @return where the source is written */
	Origin origin();

	/** {@code repositories from host}: the apt sources configured on the building host. */
	record Host(Origin origin) implements RepositorySource {
	}

	/** {@code repository "URL" suite S components C...} */
	record Mirror(String url, String suite, List<String> components, Origin origin) implements RepositorySource {

		public Mirror {
			components = List.copyOf(components);
		}
	}
}
