package io.railside.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.railside.fanout.CableNamespace;
import io.railside.fanout.FrameCounts;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Counts STOMP frames by direction and command ({@code railside.stomp.frames}), and the
 * Action Cable messages that pass the same channels ({@code railside.cable.messages}).
 * ERROR frames by code ({@code railside.stomp.errors}) are counted where they are made,
 * in {@code io.railside.stomp.StompRefusals}, since some never pass this channel.
 */
class FrameCounter implements ChannelInterceptor, FrameCounts {

	private final MeterRegistry registry;

	private final String direction;

	// Meter lookups build ids and tags: too dear for every frame of a broadcast.
	private final Map<StompCommand, Counter> frames = new ConcurrentHashMap<>();

	private final Counter cable;

	FrameCounter(MeterRegistry registry, String direction) {
		this.registry = registry;
		this.direction = direction;
		this.cable = registry.counter("railside.cable.messages", "direction", direction);
	}

	@Override
	public void countCopy(boolean cable) {
		if (cable) {
			this.cable.increment();
		}
		else {
			count(StompCommand.MESSAGE);
		}
	}

	@Override
	public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
		if (CableNamespace.isFromCable(message)) {
			if (sent) {
				this.cable.increment();
			}
			return;
		}
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		StompCommand command = (frame != null) ? frame.getCommand() : command(message);
		if (!sent || command == null) {
			return;
		}
		count(command);
	}

	private void count(StompCommand command) {
		this.frames
			.computeIfAbsent(command,
					(key) -> this.registry.counter("railside.stomp.frames", "direction", this.direction, "command",
							key.name()))
			.increment();
	}

	/**
	 * The STOMP command of a message the in-memory broker built with plain SIMP headers.
	 */
	private static @Nullable StompCommand command(Message<?> message) {
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
		if (type == SimpMessageType.MESSAGE) {
			return StompCommand.MESSAGE;
		}
		return (type == SimpMessageType.CONNECT_ACK) ? StompCommand.CONNECTED : null;
	}

}
