package io.railside.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/publish}: lets a backend holding the publish token send messages to
 * topics and user queues. The {@link PublishGate} has checked the token, content type and
 * declared length before this runs.
 */
@RestController
class PublishController {

	static final String PATH = "/api/v1/publish";

	private final PublishRequestReader reader;

	private final PublishRequestParser parser;

	private final Publisher publisher;

	private final PublishOutcomes outcomes;

	PublishController(PublishRequestReader reader, PublishRequestParser parser, Publisher publisher,
			PublishOutcomes outcomes) {
		this.reader = reader;
		this.parser = parser;
		this.publisher = publisher;
		this.outcomes = outcomes;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> publish(InputStream body) throws IOException {
		PublishRequest request = this.parser.parse(this.reader.read(body));
		List<String> ids = this.publisher.publish(request);
		return this.outcomes.accepted(request, ids);
	}

}
