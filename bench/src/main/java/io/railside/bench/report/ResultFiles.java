package io.railside.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the JSON results: one {@code peer-<name>.json} per peer as it
 * finishes, then {@code results.json} with all of them.
 */
public final class ResultFiles {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ResultFiles() {
	}

	public static void write(Path file, Object result) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, JSON.writeValueAsString(result) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The peers' results in a directory, in the order of {@link Peers#ORDER}.
	 * @param directory the directory
	 * @return the results
	 */
	public static List<PeerResult> readPeers(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			List<PeerResult> peers = new ArrayList<>();
			for (Path file : files.filter((f) -> f.getFileName().toString().matches("peer-.*\\.json")).toList()) {
				peers.add(JSON.readValue(file.toFile(), PeerResult.class));
			}
			peers.sort(Comparator.comparingInt((peer) -> Peers.rank(peer.peer())));
			return peers;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
