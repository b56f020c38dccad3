package io.railside.publish;

import io.railside.history.History;
import io.railside.history.Position;
import io.railside.publish.PublishException.Problem;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/topics/{name}/position}: a topic's current position, for a backend
 * that reads it before the state it renders, so that the browser subscribes from there
 * and misses nothing published in between. The {@link PublishGate} has checked the
 * publish token before this runs.
 */
@RestController
class TopicPositionController {

	static final String PATH = "/api/v1/topics/{name}/position";

	private final DestinationRule destinations;

	private final History<?> history;

	private final PublishOutcomes outcomes;

	TopicPositionController(DestinationRule destinations, History<?> history, PublishOutcomes outcomes) {
		this.destinations = destinations;
		this.history = history;
		this.outcomes = outcomes;
	}

	@GetMapping(PATH)
	ResponseEntity<Position> position(@PathVariable String name) {
		String destination = this.destinations.topic(name);
		if (!this.history.isEnabled()) {
			throw new PublishException(Problem.NOT_SUPPORTED,
					"Topics have no positions here: " + "history is turned off (railside.history.enabled).");
		}
		if (this.history.isAwaitingLog()) {
			throw new PublishException(Problem.UNAVAILABLE,
					"This instance has not read RabbitMQ's stream yet, so it knows no positions; retry in a few"
							+ " seconds.",
					null);
		}
		return this.outcomes.position(this.history.position(destination));
	}

}
