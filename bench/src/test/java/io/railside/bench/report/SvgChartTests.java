package io.railside.bench.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTests {

	@Test
	void writesWellFormedSvgWithBarsScaledToThePanelsLargest() throws Exception {
		String svg = SvgChart.render("Deliveries", List.of(new SvgChart.Panel("per second",
				List.of(new SvgChart.Bar("a", 100, "100"), new SvgChart.Bar("b", 25, "25")))));

		NodeList bars = parse(svg).getElementsByTagName("rect");

		assertThat(bars.getLength()).isEqualTo(3);
		assertThat(width(bars, 1)).isEqualTo(SvgChart.BAR_AREA);
		assertThat(width(bars, 2)).isEqualTo(SvgChart.BAR_AREA / 4.0);
	}

	@Test
	void escapesTextSoLabelsCannotBreakTheMarkup() throws Exception {
		String svg = SvgChart.render("<b> & \"c\"",
				List.of(new SvgChart.Panel("p99 < 250", List.of(new SvgChart.Bar("x&y", 1, "<1>")))));

		Document document = parse(svg);

		assertThat(document.getElementsByTagName("text").item(0).getTextContent()).isEqualTo("<b> & \"c\"");
		assertThat(svg).contains("x&amp;y").doesNotContain("<1>");
	}

	@Test
	void drawsNoBarLengthForAPanelOfZeros() throws Exception {
		String svg = SvgChart.render("t", List.of(new SvgChart.Panel("zero", List.of(new SvgChart.Bar("a", 0, "0")))));

		assertThat(width(parse(svg).getElementsByTagName("rect"), 1)).isZero();
	}

	private static double width(NodeList rects, int index) {
		return Double.parseDouble(((Element) rects.item(index)).getAttribute("width"));
	}

	private static Document parse(String svg) throws Exception {
		return DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

}
