package io.railside.bench.scenario;

/**
 * The sizes of one run of the matrix: {@link #full()} holds the targets' sizes,
 * {@link #quick()} a reduced set that runs in minutes.
 *
 * @param mode {@code quick} or {@code full}
 * @param holdSessions idle sessions of the hold scenario
 * @param stormSessions sessions of the storm
 * @param stormPerSecond their arrival rate
 * @param broadcastSubscribers subscribers of the fixed-rate broadcast
 * @param broadcastDeliveriesPerSecond its deliveries per second
 * @param broadcastSeconds its length
 * @param fanoutSubscribers subscribers of fanout-max
 * @param fanoutStartDeliveries deliveries per second of its first step
 * @param fanoutStepSeconds length of each step
 * @param fanoutMaxSteps the most steps it runs
 * @param topicsSessions sessions (and topics) of the topics scenario
 * @param topicsPerSecond its messages per second
 * @param topicsSeconds its length
 * @param echoConnections connections of the echo scenario
 * @param echoPerSecond its messages per second
 * @param echoSeconds its length
 * @param setupPerSecond connection rate for subscribers the scenarios set up
 * @param sessionsPerProcess the most sessions one generator process holds
 * @param replaySubscribers subscribers that resume at once in the replay scenario
 * @param replayMessages messages each of them missed and gets replayed (Railside's
 * {@code railside.history.size} and {@code replay-messages} must be at least this)
 */
public record Plan(String mode, int holdSessions, int stormSessions, double stormPerSecond, int broadcastSubscribers,
		double broadcastDeliveriesPerSecond, int broadcastSeconds, int fanoutSubscribers, double fanoutStartDeliveries,
		int fanoutStepSeconds, int fanoutMaxSteps, int topicsSessions, double topicsPerSecond, int topicsSeconds,
		int echoConnections, double echoPerSecond, int echoSeconds, double setupPerSecond, int sessionsPerProcess,
		int replaySubscribers, int replayMessages) {

	/** The p99 bound of fanout-max, milliseconds. */
	public static final double P99_LIMIT_MILLIS = 250;

	public static Plan quick() {
		return new Plan("quick", 2_000, 2_000, 500, 1_000, 2_000, 10, 1_000, 25_000, 4, 8, 1_000, 2_000, 5, 50, 5_000,
				5, 1_000, 5_000, 1_000, 1_000);
	}

	public static Plan full() {
		return new Plan("full", 10_000, 10_000, 1_000, 1_000, 2_000, 30, 5_000, 6_250, 10, 12, 5_000, 5_000, 20, 100,
				10_000, 20, 1_000, 5_000, 1_000, 1_000);
	}

	/**
	 * A few seconds per scenario: checks that run.sh and every peer work, measures
	 * nothing worth reporting.
	 * @return the plan
	 */
	public static Plan smoke() {
		return new Plan("smoke", 100, 100, 100, 50, 500, 2, 50, 5_000, 2, 3, 50, 200, 2, 5, 500, 2, 500, 60, 100, 100);
	}

	/**
	 * The same sizes with another number of idle sessions to hold (stream mode's target
	 * is set at 15,000).
	 * @param sessions the sessions to hold
	 * @return the plan
	 */
	public Plan withHoldSessions(int sessions) {
		return with(sessions, this.broadcastDeliveriesPerSecond, this.broadcastSeconds, this.topicsPerSecond,
				this.topicsSeconds);
	}

	/**
	 * The same sizes with another rate and length for the fixed-rate broadcast, for a
	 * profile of one peer at a steady rate.
	 * @param deliveriesPerSecond deliveries per second
	 * @param seconds its length
	 * @return the plan
	 */
	public Plan withBroadcast(double deliveriesPerSecond, int seconds) {
		return with(this.holdSessions, deliveriesPerSecond, seconds, this.topicsPerSecond, this.topicsSeconds);
	}

	/**
	 * The same sizes with another rate and length for the topics scenario, for a profile
	 * of one peer at a steady rate.
	 * @param messagesPerSecond messages per second
	 * @param seconds its length
	 * @return the plan
	 */
	public Plan withTopics(double messagesPerSecond, int seconds) {
		return with(this.holdSessions, this.broadcastDeliveriesPerSecond, this.broadcastSeconds, messagesPerSecond,
				seconds);
	}

	private Plan with(int holdSessions, double broadcastDeliveriesPerSecond, int broadcastSeconds,
			double topicsPerSecond, int topicsSeconds) {
		return new Plan(this.mode, holdSessions, this.stormSessions, this.stormPerSecond, this.broadcastSubscribers,
				broadcastDeliveriesPerSecond, broadcastSeconds, this.fanoutSubscribers, this.fanoutStartDeliveries,
				this.fanoutStepSeconds, this.fanoutMaxSteps, this.topicsSessions, topicsPerSecond, topicsSeconds,
				this.echoConnections, this.echoPerSecond, this.echoSeconds, this.setupPerSecond,
				this.sessionsPerProcess, this.replaySubscribers, this.replayMessages);
	}

	public static Plan of(String mode) {
		return switch (mode) {
			case "full" -> full();
			case "smoke" -> smoke();
			default -> quick();
		};
	}

}
