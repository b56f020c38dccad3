package io.railside.stomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks that the inbound channel hands a message to all its subscribers in one task,
 * each called as Spring's channel calls it: between the executor interceptors, and
 * whatever another subscriber does.
 */
class OneTaskChannelTests {

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final List<String> events = new ArrayList<>();

	private final OneTaskChannel channel = new OneTaskChannel(this.tasks::add);

	@Test
	void handsAMessageToEverySubscriberInOneTask() {
		this.channel.subscribe(recording("broker"));
		this.channel.subscribe(recording("user"));
		this.channel.subscribe(recording("annotations"));
		this.channel.send(message("a"));
		assertThat(this.tasks).hasSize(1);
		assertThat(this.events).isEmpty();
		runTasks();
		assertThat(this.events).containsExactly("broker a", "user a", "annotations a");
	}

	@Test
	void callsTheExecutorInterceptorsAroundEachSubscriber() {
		this.channel.addInterceptor(interceptor("outer", false));
		this.channel.addInterceptor(interceptor("inner", false));
		this.channel.subscribe(recording("broker"));
		this.channel.subscribe(recording("user"));
		this.channel.send(message("a"));
		runTasks();
		assertThat(this.events).containsExactly("outer before broker", "inner before broker", "broker a",
				"inner after broker null", "outer after broker null", "outer before user", "inner before user",
				"user a", "inner after user null", "outer after user null");
	}

	@Test
	void aFailingSubscriberKeepsTheMessageFromNoOther() {
		this.channel.addInterceptor(interceptor("interceptor", false));
		this.channel.subscribe(failing("broker"));
		this.channel.subscribe(recording("user"));
		this.channel.send(message("a"));
		assertThatExceptionOfType(MessageDeliveryException.class).isThrownBy(this::runTasks)
			.withCauseInstanceOf(IllegalStateException.class);
		assertThat(this.events).containsExactly("interceptor before broker", "broker fails",
				"interceptor after broker IllegalStateException", "interceptor before user", "user a",
				"interceptor after user null");
	}

	@Test
	void aSubscriberAnInterceptorStopsIsSkippedAlone() {
		this.channel.addInterceptor(interceptor("outer", false));
		this.channel.addInterceptor(interceptor("stopper", true));
		this.channel.subscribe(recording("broker"));
		this.channel.subscribe(recording("user"));
		this.channel.send(message("a"));
		runTasks();
		assertThat(this.events).containsExactly("outer before broker", "stopper before broker",
				"outer after broker null", "outer before user", "stopper before user", "outer after user null");
	}

	@Test
	void runsInTheSendersThreadWhenTheExecutorRefuses() {
		OneTaskChannel refusing = new OneTaskChannel((task) -> {
			throw new RejectedExecutionException("full");
		});
		refusing.subscribe(recording("broker"));
		refusing.send(message("a"));
		assertThat(this.events).containsExactly("broker a");
	}

	@Test
	void anErrorInOneSubscriberKeepsTheMessageFromNoOther() {
		this.channel.addInterceptor(interceptor("interceptor", false));
		this.channel.subscribe(named("broker", (message) -> {
			throw new StackOverflowError();
		}));
		this.channel.subscribe(recording("user"));
		this.channel.send(message("a"));
		assertThatExceptionOfType(MessageDeliveryException.class).isThrownBy(this::runTasks)
			.withCauseInstanceOf(StackOverflowError.class);
		assertThat(this.events).containsExactly("interceptor before broker",
				"interceptor after broker MessageDeliveryException", "interceptor before user", "user a",
				"interceptor after user null");
	}

	@Test
	void anInterceptorAddedAtTheFrontStillRunsAfterTheOthersAsInSpringsChannel() {
		this.channel.addInterceptor(interceptor("first", false));
		this.channel.addInterceptor(0, interceptor("second", false));
		this.channel.subscribe(recording("broker"));
		this.channel.send(message("a"));
		runTasks();
		assertThat(this.events).containsExactly("first before broker", "second before broker", "broker a",
				"second after broker null", "first after broker null");
	}

	@Test
	void aRemovedInterceptorIsNoLongerCalled() {
		ExecutorChannelInterceptor removed = interceptor("removed", false);
		this.channel.addInterceptor(removed);
		this.channel.addInterceptor(interceptor("kept", false));
		this.channel.removeInterceptor(removed);
		this.channel.subscribe(recording("broker"));
		this.channel.send(message("a"));
		runTasks();
		assertThat(this.events).containsExactly("kept before broker", "broker a", "kept after broker null");
	}

	@Test
	void releasesASessionsNextMessageOnlyOnceEverySubscriberHandledIt() {
		this.channel.subscribe(recording("broker"));
		this.channel.subscribe(named("user", (message) -> {
			assertThat(this.tasks).isEmpty();
			this.events.add("user " + message.getPayload());
		}));
		OrderedMessageChannelDecorator.configureInterceptor(this.channel, true);
		MessageChannel ordered = new OrderedMessageChannelDecorator(this.channel, LogFactory.getLog(getClass()));
		ordered.send(message("a"));
		ordered.send(message("b"));
		assertThat(this.tasks).hasSize(1);
		this.tasks.poll().run();
		assertThat(this.events).containsExactly("broker a", "user a");
		assertThat(this.tasks).hasSize(1);
		runTasks();
		assertThat(this.events).containsExactly("broker a", "user a", "broker b", "user b");
	}

	@Test
	void reportsItsExecutor() {
		Executor executor = this.tasks::add;
		assertThat(new OneTaskChannel(executor).getExecutor()).isSameAs(executor);
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			task.run();
		}
	}

	private MessageHandler recording(String name) {
		return named(name, (message) -> this.events.add(name + " " + message.getPayload()));
	}

	private MessageHandler failing(String name) {
		return named(name, (message) -> {
			this.events.add(name + " fails");
			throw new IllegalStateException("broken");
		});
	}

	private static MessageHandler named(String name, MessageHandler handler) {
		return new MessageHandler() {

			@Override
			public void handleMessage(Message<?> message) {
				handler.handleMessage(message);
			}

			@Override
			public String toString() {
				return name;
			}

		};
	}

	private ExecutorChannelInterceptor interceptor(String name, boolean stops) {
		return new ExecutorChannelInterceptor() {

			@Override
			public @Nullable Message<?> beforeHandle(Message<?> message, MessageChannel channel,
					MessageHandler handler) {
				OneTaskChannelTests.this.events.add(name + " before " + handler);
				return stops ? null : message;
			}

			@Override
			public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
					@Nullable Exception ex) {
				String failure = (ex != null) ? ex.getClass().getSimpleName() : "null";
				OneTaskChannelTests.this.events.add(name + " after " + handler + " " + failure);
			}

		};
	}

	private static Message<String> message(String payload) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create();
		accessor.setSessionId("s");
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(payload, accessor.getMessageHeaders());
	}

}
