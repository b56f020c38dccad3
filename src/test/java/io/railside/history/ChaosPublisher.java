package io.railside.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A backend publishing to one topic through the publish API at a steady rate, one request
 * at a time, so that the order of its list is the order of publication.
 */
final class ChaosPublisher implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final List<String> published = new CopyOnWriteArrayList<>();

	private final CompletableFuture<List<String>> done = new CompletableFuture<>();

	private final URI uri;

	private final String token;

	private final String destination;

	private final int messages;

	ChaosPublisher(int httpPort, String token, String destination, int messages) {
		this.uri = URI.create("http://localhost:" + httpPort + "/api/v1/publish");
		this.token = token;
		this.destination = destination;
		this.messages = messages;
	}

	/**
	 * Publish every {@code period}, until all messages are out or one is refused.
	 * @param period the time between two messages
	 */
	void start(Duration period) {
		this.scheduler.scheduleAtFixedRate(this::publishNext, 0, period.toNanos(), TimeUnit.NANOSECONDS);
	}

	private void publishNext() {
		if (this.done.isDone()) {
			return;
		}
		String body = String.format("chaos-%05d", this.published.size());
		try {
			HttpResponse<String> response = this.http.send(request(body), BodyHandlers.ofString());
			if (response.statusCode() != 202) {
				throw new IllegalStateException("Publish answered " + response.statusCode() + ": " + response.body());
			}
			this.published.add(body);
			if (this.published.size() == this.messages) {
				this.done.complete(List.copyOf(this.published));
			}
		}
		catch (IOException | RuntimeException ex) {
			this.done.completeExceptionally(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.done.completeExceptionally(ex);
		}
	}

	private HttpRequest request(String body) {
		return HttpRequest.newBuilder(this.uri)
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers
				.ofString("{\"destination\": \"" + this.destination + "\", \"body\": \"" + body + "\"}"))
			.build();
	}

	/**
	 * How many messages are out so far.
	 * @return the count
	 */
	int count() {
		return this.published.size();
	}

	boolean isDone() {
		return this.done.isDone();
	}

	/**
	 * Every message, in the order published, once all are out.
	 * @return the bodies
	 */
	CompletableFuture<List<String>> done() {
		return this.done;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
