package io.railside.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.rabbitmq.stream.Address;
import com.rabbitmq.stream.BackOffDelayPolicy;
import com.rabbitmq.stream.ConsumerFlowStrategy;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.Producer;
import com.rabbitmq.stream.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Connects the bus to RabbitMQ's stream, and keeps it connected: at start it declares the
 * stream, reads its epoch, reads it from the start of the history this instance keeps,
 * and opens the producer; the stream client recovers producer and consumer after RabbitMQ
 * restarts (the consumer going on after the last message read); a stream deleted and
 * created again is read anew under its new epoch. Until RabbitMQ can be reached it tries
 * again every two seconds, the instance not ready meanwhile.
 */
class StreamConnection implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StreamConnection.class);

	private static final Duration RETRY = Duration.ofSeconds(2);

	/** Chunks in flight to the delivery thread: the stream client's flow control. */
	private static final int CREDITS = 8;

	private static final Duration PUBLISH_DELAY = Duration.ofMillis(1);

	/** How often the stream's end is read, for the lag. */
	private static final Duration END_PROBE = Duration.ofSeconds(10);

	private final StreamProperties properties;

	private final StreamTopology topology;

	private final StreamBus bus;

	private final Duration readBack;

	private final ExecutorService delivery = Executors
		.newSingleThreadExecutor(new CustomizableThreadFactory("railside-stream-delivery-"));

	private final ScheduledExecutorService probes = Executors
		.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("railside-stream-end-"));

	private final StreamEnd end = new StreamEnd();

	/** Connects at start and after the stream went away: one attempt at a time. */
	private final ExecutorService connector = Executors
		.newSingleThreadExecutor(new CustomizableThreadFactory("railside-stream-connect-"));

	private final AtomicBoolean reconnecting = new AtomicBoolean();

	private volatile boolean running;

	/**
	 * Counts connections, so that the state changes of a producer or consumer of an
	 * earlier one (closed with its environment) are told from those of the current.
	 */
	private volatile int generation;

	private volatile @Nullable Environment environment;

	/**
	 * @param properties where RabbitMQ and the stream are
	 * @param topology what declares the stream
	 * @param bus the bus to connect
	 * @param readBack how far back an instance reads the stream when it starts
	 */
	StreamConnection(StreamProperties properties, StreamTopology topology, StreamBus bus, Duration readBack) {
		this.properties = properties;
		this.topology = topology;
		this.bus = bus;
		this.readBack = readBack;
	}

	@Override
	public void start() {
		this.running = true;
		this.connector.execute(this::connectUntilConnected);
		this.probes.scheduleWithFixedDelay(this::probeEnd, END_PROBE.toMillis(), END_PROBE.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void probeEnd() {
		Environment environment = this.environment;
		if (environment != null && this.bus.epoch() != null) {
			try {
				this.end.probe(environment, this.properties.name());
			}
			catch (RuntimeException ex) {
				logger.debug("Reading the stream's end failed", ex);
			}
		}
	}

	/**
	 * How many messages this instance is behind the stream's end, as last read (every ten
	 * seconds).
	 * @return the lag in offsets
	 */
	long lag() {
		return this.end.lag(this.bus.lastRead());
	}

	private void connectUntilConnected() {
		boolean warned = false;
		while (this.running) {
			try {
				connect();
				return;
			}
			catch (Exception ex) {
				disconnect();
				if (!warned) {
					logger.warn("Cannot reach RabbitMQ's stream " + this.properties.name() + " at "
							+ this.properties.host() + ":" + this.properties.port() + " (" + ex.getMessage()
							+ "); trying again every " + RETRY.toSeconds() + " s, not ready meanwhile");
					warned = true;
				}
				if (!pause()) {
					return;
				}
			}
		}
	}

	private boolean pause() {
		try {
			Thread.sleep(RETRY.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private synchronized void connect() throws Exception {
		if (!this.running) {
			return;
		}
		int generation = ++this.generation;
		this.topology.declare();
		Environment environment = Environment.builder()
			.host(this.properties.host())
			.port(this.properties.port())
			.username(this.properties.username())
			.password(this.properties.password())
			.virtualHost(this.properties.virtualHost())
			// The stream plugin advertises the node's host name; reach it where
			// configured.
			.addressResolver((address) -> new Address(this.properties.host(), this.properties.port()))
			.recoveryBackOffDelayPolicy(BackOffDelayPolicy.fixed(RETRY))
			.topologyUpdateBackOffDelayPolicy(BackOffDelayPolicy.fixed(RETRY))
			.build();
		this.environment = environment;
		String epoch = this.topology.exclusively(() -> StreamEpoch.of(environment, this.properties.name()));
		if (!epoch.equals(this.bus.epoch())) {
			this.end.reset();
			this.bus.startOver(epoch, this.delivery);
		}
		environment.consumerBuilder()
			.stream(this.properties.name())
			.offset(OffsetSpecification.timestamp(Instant.now().minus(this.readBack).toEpochMilli()))
			.noTrackingStrategy()
			// Read the history the first time; on every later subscription (a recovery, a
			// new connection to the same stream) go on after the last message read.
			.subscriptionListener((subscription) -> {
				long last = this.bus.lastRead();
				if (last >= 0) {
					subscription.offsetSpecification(OffsetSpecification.offset(last + 1));
				}
			})
			.listeners((context) -> onState(context, generation, this.bus::reading))
			.flow()
			.strategy(ConsumerFlowStrategy.creditWhenHalfMessagesProcessed(CREDITS))
			.builder()
			.messageHandler((context, message) -> this.bus.read(context, message, this.delivery))
			.build();
		this.bus.reading(true);
		Producer producer = environment.producerBuilder()
			.stream(this.properties.name())
			.batchPublishingDelay(PUBLISH_DELAY)
			.confirmTimeout(this.properties.confirmTimeout())
			.enqueueTimeout(this.properties.confirmTimeout())
			// A message RabbitMQ did not confirm was refused to its publisher, who may
			// send it again: sending it again here could deliver it twice.
			.retryOnRecovery(false)
			.listeners((context) -> onState(context, generation, this.bus::taking))
			.build();
		this.bus.connected(producer);
		logger.info("Connected to RabbitMQ's stream " + this.properties.name() + " (epoch " + epoch + ")");
	}

	private void onState(Resource.Context context, int generation, Consumer<Boolean> open) {
		if (generation != this.generation) {
			// A producer or consumer of an earlier connection, closed with it.
			return;
		}
		Resource.State state = context.currentState();
		open.accept(state == Resource.State.OPEN);
		if (state == Resource.State.RECOVERING) {
			logger
				.warn("Lost RabbitMQ's stream " + this.properties.name() + ": publishing is refused until it returns");
		}
		if (state == Resource.State.CLOSED && this.running) {
			// Closed by RabbitMQ (the stream was deleted): start over, perhaps on a new
			// one.
			reconnect();
		}
	}

	private void reconnect() {
		if (!this.reconnecting.compareAndSet(false, true)) {
			return;
		}
		logger.warn("RabbitMQ closed the stream " + this.properties.name() + "; connecting again");
		this.connector.execute(() -> {
			this.reconnecting.set(false);
			disconnect();
			connectUntilConnected();
		});
	}

	private synchronized void disconnect() {
		this.generation++;
		this.bus.disconnected();
		Environment environment = this.environment;
		this.environment = null;
		if (environment != null) {
			try {
				environment.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Closing the stream environment failed", ex);
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.probes.shutdownNow();
		this.connector.shutdownNow();
		disconnect();
		this.delivery.shutdown();
		try {
			this.delivery.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stop after the web server's graceful shutdown (DEFAULT_PHASE - 1024) and its
		// stop (- 2048), so that publish requests in flight get RabbitMQ's answer.
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
