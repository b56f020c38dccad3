package io.railside.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table built row by row; cells are escaped so a {@code |} cannot break it.
 */
final class MarkdownTable {

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	MarkdownTable(String... header) {
		this.header = List.of(header);
	}

	MarkdownTable row(String... cells) {
		if (cells.length != this.header.size()) {
			throw new IllegalArgumentException("Expected " + this.header.size() + " cells, got " + cells.length);
		}
		this.rows.add(List.of(cells));
		return this;
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	String render() {
		StringBuilder table = new StringBuilder();
		line(table, this.header);
		line(table, this.header.stream().map((cell) -> "---").toList());
		this.rows.forEach((row) -> line(table, row));
		return table.toString();
	}

	private static void line(StringBuilder table, List<String> cells) {
		table.append('|');
		cells.forEach((cell) -> table.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |"));
		table.append('\n');
	}

}
