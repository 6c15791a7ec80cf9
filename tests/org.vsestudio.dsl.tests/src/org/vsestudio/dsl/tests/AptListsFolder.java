package org.vsestudio.dsl.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A made-up apt lists folder, as apt leaves it after {@code apt-get update}: one suite of a
 * repository on the loopback address, its InRelease and one uncompressed Packages file.
 */
final class AptListsFolder {

	private AptListsFolder() {
	}

	/**
	 * Writes the lists of suite {@code codename} for amd64 into {@code lists}.
	 *
	 * @param stanzas the Packages file: stanzas made by {@link #pkg}
	 * @return {@code lists}
	 */
	static Path write(Path lists, String codename, String... stanzas) {
		try {
			Files.createDirectories(lists);
			byte[] packages = String.join("", stanzas).getBytes(StandardCharsets.UTF_8);
			String prefix = "127.0.0.1_debian_dists_" + codename + "_";
			Files.writeString(lists.resolve(prefix + "InRelease"), "Origin: Test\nLabel: Test\nSuite: " + codename + "\nCodename: "
					+ codename + "\nDate: Sat, 01 Jan 2000 00:00:00 UTC\nArchitectures: amd64\nComponents: main\nSHA256:\n "
					+ sha256(packages) + " " + packages.length + " main/binary-amd64/Packages\n");
			Files.write(lists.resolve(prefix + "main_binary-amd64_Packages"), packages);
			return lists;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return a Packages stanza: name, version, then "Field: value" lines */
	static String pkg(String name, String version, String... fields) {
		StringBuilder b = new StringBuilder("Package: ").append(name).append("\nVersion: ").append(version)
				.append("\nArchitecture: amd64\n");
		for (String f : fields) {
			b.append(f).append('\n');
		}
		b.append("Filename: pool/main/").append(name.charAt(0)).append('/').append(name).append('_').append(version)
				.append("_amd64.deb\nSize: 1000\nSHA256: ").append(sha256((name + version).getBytes(StandardCharsets.UTF_8)))
				.append("\nDescription: the ").append(name).append(" package\n\n");
		return b.toString();
	}

	private static String sha256(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
