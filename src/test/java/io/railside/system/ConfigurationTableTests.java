package io.railside.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table stays the one list of every environment variable.
 */
class ConfigurationTableTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(RAILSIDE_[A-Z_]+)");

	private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(RAILSIDE_[A-Z_]+)` \\|");

	@Test
	void everyVariableOfApplicationYmlHasARowInTheReadme() throws IOException {
		Set<String> mapped = names(VARIABLE, Files.readString(Path.of("src/main/resources/application.yml")));
		Set<String> documented = names(TABLE_ROW, Files.readString(Path.of("README.md")));
		assertThat(mapped).isNotEmpty();
		assertThat(documented).containsAll(mapped);
	}

	private static Set<String> names(Pattern pattern, String text) {
		return pattern.matcher(text).results().map((match) -> match.group(1)).collect(Collectors.toSet());
	}

}
