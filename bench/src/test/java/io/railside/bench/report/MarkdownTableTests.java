package io.railside.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MarkdownTableTests {

	@Test
	void rendersHeaderRuleAndEscapedRows() {
		String table = new MarkdownTable("Peer", "p99").row("a|b", "1.5").render();

		assertThat(table).isEqualTo("| Peer | p99 |\n| --- | --- |\n| a\\|b | 1.5 |\n");
	}

	@Test
	void refusesARowOfTheWrongWidth() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MarkdownTable("a", "b").row("only one"));
	}

}
