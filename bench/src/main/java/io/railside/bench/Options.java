package io.railside.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options: {@code --name value} pairs; a name may repeat (such as
 * {@code --info key=value}).
 */
public final class Options {

	private final Map<String, List<String>> values = new LinkedHashMap<>();

	public static Options parse(String[] args, int from) {
		Options options = new Options();
		for (int i = from; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Expected an option, not " + args[i]);
			}
			String name = args[i].substring(2);
			String value = (i + 1 < args.length && !args[i + 1].startsWith("--")) ? args[++i] : "true";
			options.values.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return options;
	}

	public String get(String name) {
		List<String> all = this.values.get(name);
		if (all == null) {
			throw new IllegalArgumentException("Missing option --" + name);
		}
		return all.get(all.size() - 1);
	}

	public String get(String name, String otherwise) {
		return this.values.containsKey(name) ? get(name) : otherwise;
	}

	public int getInt(String name, int otherwise) {
		return Integer.parseInt(get(name, Integer.toString(otherwise)));
	}

	/**
	 * The {@code key=value} pairs of a repeated option.
	 * @param name the option
	 * @return the pairs in order
	 */
	public Map<String, String> pairs(String name) {
		Map<String, String> pairs = new LinkedHashMap<>();
		for (String pair : this.values.getOrDefault(name, List.of())) {
			int equals = pair.indexOf('=');
			pairs.put(pair.substring(0, Math.max(0, equals)), pair.substring(equals + 1));
		}
		return pairs;
	}

}
