package io.railside.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A chart of horizontal bars in panels, written as SVG text with no library: one panel
 * per figure, one bar per peer in the peer's own colour, each bar scaled to its panel's
 * largest value.
 */
public final class SvgChart {

	static final int WIDTH = 760;

	static final int LABEL_WIDTH = 170;

	static final int BAR_AREA = 440;

	private static final int BAR_HEIGHT = 18;

	private static final int ROW = 24;

	private static final String[] COLOURS = { "#d9480f", "#ff922b", "#f08c00", "#5f3dc4", "#1971c2", "#495057" };

	private SvgChart() {
	}

	public static String render(String title, List<Panel> panels) {
		StringBuilder svg = new StringBuilder();
		int y = 34;
		StringBuilder body = new StringBuilder();
		for (Panel panel : panels) {
			y = panel(body, panel, y);
		}
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
				WIDTH, y + 10, WIDTH, y + 10));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, y + 10));
		svg.append(text(10, 22, escape(title), "font-size=\"15\" font-weight=\"bold\""));
		return svg.append(body).append("</svg>\n").toString();
	}

	private static int panel(StringBuilder svg, Panel panel, int top) {
		svg.append(text(10, top + 16, escape(panel.title()), "font-weight=\"bold\""));
		double max = panel.bars().stream().mapToDouble(Bar::value).max().orElse(0);
		int y = top + 26;
		for (int i = 0; i < panel.bars().size(); i++) {
			Bar bar = panel.bars().get(i);
			double width = (max > 0) ? BAR_AREA * Math.max(0, bar.value()) / max : 0;
			svg.append(text(10, y + 13, escape(bar.label()), ""));
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
					LABEL_WIDTH, y, width, BAR_HEIGHT, COLOURS[Peers.rank(bar.label()) % COLOURS.length],
					escape(bar.text())));
			svg.append(text(LABEL_WIDTH + (int) width + 6, y + 13, escape(bar.text()), ""));
			y += ROW;
		}
		return y + 14;
	}

	private static String text(int x, int y, String content, String attributes) {
		return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>\n", x, y, attributes, content);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/**
	 * One figure across the peers.
	 *
	 * @param title what the bars measure
	 * @param bars one per peer
	 */
	public record Panel(String title, List<Bar> bars) {

	}

	/**
	 * One bar.
	 *
	 * @param label the peer
	 * @param value the length's value
	 * @param text the value as written beside the bar
	 */
	public record Bar(String label, double value, String text) {

	}

}
