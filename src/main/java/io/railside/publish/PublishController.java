package io.railside.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/publish}: lets a backend holding the publish token send messages to
 * topics and user queues, once per {@code Idempotency-Key} when it sends one. The
 * {@link PublishGate} has checked the token, content type, declared length and key before
 * this runs.
 */
@RestController
class PublishController {

	static final String PATH = "/api/v1/publish";

	private final PublishRequestReader reader;

	private final PublishRequestParser parser;

	private final Publisher publisher;

	private final IdempotencyKeys idempotencyKeys;

	private final PublishOutcomes outcomes;

	PublishController(PublishRequestReader reader, PublishRequestParser parser, Publisher publisher,
			IdempotencyKeys idempotencyKeys, PublishOutcomes outcomes) {
		this.reader = reader;
		this.parser = parser;
		this.publisher = publisher;
		this.idempotencyKeys = idempotencyKeys;
		this.outcomes = outcomes;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> publish(InputStream body,
			@RequestHeader(name = PublishGate.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey)
			throws IOException {
		byte[] bytes = this.reader.read(body);
		PublishRequest request = this.parser.parse(this.reader.json(bytes));
		List<Published> published = (idempotencyKey != null)
				? this.idempotencyKeys.once(idempotencyKey, bytes, () -> this.publisher.publish(request))
				: this.publisher.publish(request);
		return this.outcomes.accepted(request, published);
	}

}
