/**
 * Results: the JSON records, the Markdown tables, the targets and the SVG chart.
 */
@NullMarked
package io.railside.bench.report;

import org.jspecify.annotations.NullMarked;
