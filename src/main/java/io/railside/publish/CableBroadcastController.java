package io.railside.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.railside.cable.CableProperties;
import io.railside.fanout.CableNamespace;
import io.railside.publish.PublishException.Problem;
import io.railside.publish.PublishRequest.Publication;
import io.railside.security.SharedToken;
import io.railside.stomp.StompProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Broadcasts to Action Cable streams in the shape of AnyCable's HTTP broadcaster, so that
 * a Rails app's broadcasts (through Railside's subscription adapter, or AnyCable's own
 * broadcaster) reach cable subscribers: {@code {"stream", "data", "meta"}} or an array of
 * them, {@code data} being the message as JSON text, delivered as it is once it parses.
 * 201 once the broker has every message, as the publish API's 202. {@code meta}
 * (AnyCable's {@code exclude_socket} and the like) is accepted and not acted on.
 */
@RestController
class CableBroadcastController {

	static final String PATH = "/_broadcast";

	private final PublishRequestReader reader;

	private final Publisher publisher;

	private final PublishOutcomes outcomes;

	private final SharedToken key;

	private final int maxStreamLength;

	private final int maxBatchSize;

	private final long maxBodySize;

	CableBroadcastController(PublishRequestReader reader, Publisher publisher, PublishOutcomes outcomes,
			CableProperties cable, PublishProperties publish, StompProperties stomp) {
		this.reader = reader;
		this.publisher = publisher;
		this.outcomes = outcomes;
		this.key = new SharedToken(cable.broadcastToken());
		this.maxStreamLength = stomp.maxDestinationLength();
		this.maxBatchSize = publish.maxBatchSize();
		this.maxBodySize = publish.maxBodySize().toBytes();
	}

	@PostMapping(PATH)
	ResponseEntity<Void> broadcast(InputStream body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization)
			throws IOException {
		checkKey(authorization);
		JsonNode root = this.reader.json(this.reader.read(body));
		PublishRequest request = parse(root);
		this.publisher.publish(request);
		return this.outcomes.created(request.messages().size());
	}

	private void checkKey(@Nullable String authorization) {
		if (!this.key.isEnabled()) {
			throw new PublishException(Problem.DISABLED,
					"Broadcasting is disabled: set RAILSIDE_CABLE_SECRET (or RAILSIDE_CABLE_BROADCAST_KEY).");
		}
		if (!this.key.matches(SharedToken.fromBearer(authorization))) {
			throw new PublishException(Problem.UNAUTHORIZED,
					"Send the broadcast key in an Authorization: Bearer header.");
		}
	}

	private PublishRequest parse(JsonNode root) {
		boolean batch = root.isArray();
		if (batch && (root.isEmpty() || root.size() > this.maxBatchSize)) {
			throw new PublishException(Problem.BAD_JSON,
					"Send 1 to " + this.maxBatchSize + " broadcasts in one request.", null);
		}
		List<JsonNode> broadcasts = batch ? root.valueStream().toList() : List.of(root);
		List<Publication> publications = new ArrayList<>(broadcasts.size());
		for (int i = 0; i < broadcasts.size(); i++) {
			publications.add(publication(broadcasts.get(i), batch ? "/" + i : ""));
		}
		return new PublishRequest(publications, batch);
	}

	private Publication publication(JsonNode broadcast, String pointer) {
		String stream = broadcast.path("stream").asString(null);
		if (stream == null || stream.isEmpty() || stream.length() > this.maxStreamLength) {
			throw new PublishException(Problem.BAD_DESTINATION,
					"Each broadcast names its stream, of 1 to " + this.maxStreamLength + " characters.",
					pointer + "/stream");
		}
		String data = broadcast.path("data").asString(null);
		if (data == null || !this.reader.parses(data)) {
			throw new PublishException(Problem.BAD_JSON,
					"Each broadcast's data is the message encoded as JSON, in a string.", pointer + "/data");
		}
		byte[] body = data.getBytes(StandardCharsets.UTF_8);
		if (body.length > this.maxBodySize) {
			throw new PublishException(Problem.TOO_LARGE,
					"A broadcast's data may be at most " + this.maxBodySize + " bytes long.", pointer + "/data");
		}
		return new Publication(CableNamespace.destination(stream), body, MimeTypeUtils.APPLICATION_JSON, Map.of());
	}

}
