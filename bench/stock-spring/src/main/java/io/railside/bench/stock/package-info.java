/**
 * The stock Spring STOMP application the benchmark compares Railside with.
 */
@NullMarked
package io.railside.bench.stock;

import org.jspecify.annotations.NullMarked;
