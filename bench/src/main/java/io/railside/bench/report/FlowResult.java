package io.railside.bench.report;

import io.railside.bench.measure.Latency;

import org.jspecify.annotations.Nullable;

/**
 * One measured publish run at a fixed rate (broadcast, a fanout-max step, topics).
 *
 * @param subscribers subscribed sessions
 * @param messagesPerSecond the publisher's rate
 * @param offeredDeliveriesPerSecond that rate times the recipients of each message
 * @param seconds how long the publisher ran
 * @param sent messages sent
 * @param expected deliveries expected
 * @param delivered distinct deliveries received
 * @param lost expected deliveries that did not arrive within the drain time
 * @param duplicates deliveries received more than once
 * @param deliveriesPerSecond delivered over the time from the first due send to the last
 * delivery (at least the run's length)
 * @param latency delivery latency from each message's intended send time
 * @param lastSubscriber time until the last subscriber has each message (broadcast)
 * @param serverCpuMicrosPerDelivery server CPU time per delivery
 * @param brokerCpuMicrosPerDelivery the part of it spent by the broker behind the server
 * (RabbitMQ behind stream mode), if the peer has one
 * @param generatorCpuMicrosPerDelivery the generator's CPU time per delivery
 * @param serverCpuCores server CPU time over wall time (2 cores here)
 * @param disconnected subscribers closed at the end of the run
 */
public record FlowResult(int subscribers, double messagesPerSecond, double offeredDeliveriesPerSecond, double seconds,
		long sent, long expected, long delivered, long lost, long duplicates, double deliveriesPerSecond,
		Latency latency, @Nullable Latency lastSubscriber, @Nullable Double serverCpuMicrosPerDelivery,
		@Nullable Double brokerCpuMicrosPerDelivery, double generatorCpuMicrosPerDelivery, double serverCpuCores,
		int disconnected) {

	/**
	 * Whether the run held: nothing lost or doubled, nobody cut off, p99 within the
	 * bound.
	 * @param p99LimitMillis the p99 bound
	 * @return whether it held
	 */
	public boolean holds(double p99LimitMillis) {
		return this.lost == 0 && this.duplicates == 0 && this.disconnected == 0 && this.delivered > 0
				&& this.latency.p99() <= p99LimitMillis;
	}

	public String failure(double p99LimitMillis) {
		if (this.lost > 0) {
			return this.lost + " lost";
		}
		if (this.duplicates > 0) {
			return this.duplicates + " duplicates";
		}
		if (this.disconnected > 0) {
			return this.disconnected + " disconnected";
		}
		if (this.delivered == 0) {
			return "nothing delivered";
		}
		return (this.latency.p99() > p99LimitMillis) ? "p99 " + this.latency.p99() + " ms" : "";
	}

}
