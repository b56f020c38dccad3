package io.railside.stomp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

/**
 * The client inbound channel, handing each message to all its subscribers (the broker,
 * the user-destination handler and the annotation-method handler) in one executor task,
 * one after the other, where Spring's channel runs one task per subscriber. Usually one
 * of them acts on a message and the others only look at its destination, yet each task
 * parked and woke a pool thread: at 2,000 SENDs a second to one subscriber each, the
 * inbound threads made eight of the fifteen futex calls per message.
 * <p>
 * Each subscriber is still called as Spring's channel calls it: the executor
 * interceptors' {@code beforeHandle} and {@code afterMessageHandled} around it (the
 * receive-order callback among them), and a failure of one does not keep the message from
 * the others. The channel itself is built without an executor, so that
 * {@link #sendInternal} decides where the subscribers run.
 */
class OneTaskChannel extends ExecutorSubscribableChannel {

	private final Executor executor;

	OneTaskChannel(Executor executor) {
		this.executor = executor;
	}

	@Override
	public Executor getExecutor() {
		return this.executor;
	}

	@Override
	public boolean sendInternal(Message<?> message, long timeout) {
		Runnable task = () -> handleAll(message);
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// As Spring's channel does when its executor refuses a task.
			task.run();
		}
		return true;
	}

	private void handleAll(Message<?> message) {
		List<ExecutorChannelInterceptor> interceptors = executorInterceptors();
		MessagingException failure = null;
		for (MessageHandler handler : getSubscribers()) {
			try {
				handle(message, handler, interceptors);
			}
			catch (MessagingException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void handle(Message<?> input, MessageHandler handler, List<ExecutorChannelInterceptor> interceptors) {
		Message<?> message = input;
		int applied = 0;
		try {
			for (ExecutorChannelInterceptor interceptor : interceptors) {
				Message<?> next = interceptor.beforeHandle(message, this, handler);
				if (next == null) {
					afterHandled(interceptors, applied, message, handler, null);
					return;
				}
				message = next;
				applied++;
			}
			handler.handleMessage(message);
			afterHandled(interceptors, applied, message, handler, null);
		}
		catch (Exception ex) {
			afterHandled(interceptors, applied, message, handler, ex);
			throw (ex instanceof MessagingException messaging) ? messaging
					: new MessageDeliveryException(message, "Failed to handle message in " + handler, ex);
		}
		catch (Error err) {
			MessageDeliveryException ex = new MessageDeliveryException(message,
					"Failed to handle message in " + handler, err);
			afterHandled(interceptors, applied, message, handler, ex);
			throw err;
		}
	}

	private void afterHandled(List<ExecutorChannelInterceptor> interceptors, int applied, Message<?> message,
			MessageHandler handler, @Nullable Exception ex) {
		for (int i = applied - 1; i >= 0; i--) {
			try {
				interceptors.get(i).afterMessageHandled(message, this, handler, ex);
			}
			catch (Throwable failure) {
				this.logger.error("Exception from afterMessageHandled in " + interceptors.get(i), failure);
			}
		}
	}

	private List<ExecutorChannelInterceptor> executorInterceptors() {
		List<ChannelInterceptor> all = getInterceptors();
		List<ExecutorChannelInterceptor> interceptors = new ArrayList<>(all.size());
		for (ChannelInterceptor interceptor : all) {
			if (interceptor instanceof ExecutorChannelInterceptor executorInterceptor) {
				interceptors.add(executorInterceptor);
			}
		}
		return interceptors;
	}

}
