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
 * Each subscriber is called as Spring's channel calls it, in its private
 * {@code ExecutorSubscribableChannel.SendTask} (spring-messaging 7.0; compare on an
 * upgrade): the executor interceptors' {@code beforeHandle} in the order they were added,
 * {@code afterMessageHandled} in reverse (the receive-order callback, which releases a
 * session's next message once every subscriber has handled this one, among them), and a
 * failure of one subscriber, {@code Error}s included, does not keep the message from the
 * others. The channel itself is built without an executor, so that {@link #sendInternal}
 * decides where the subscribers run.
 */
class OneTaskChannel extends ExecutorSubscribableChannel {

	private final Executor executor;

	/** Replaced, never changed, so that a task reads one list from start to end. */
	private volatile List<ExecutorChannelInterceptor> executorInterceptors = List.of();

	OneTaskChannel(Executor executor) {
		this.executor = executor;
	}

	@Override
	public Executor getExecutor() {
		return this.executor;
	}

	@Override
	public void setInterceptors(List<ChannelInterceptor> interceptors) {
		super.setInterceptors(interceptors);
		this.executorInterceptors = List.of();
		interceptors.forEach(this::addExecutorInterceptor);
	}

	@Override
	public void addInterceptor(ChannelInterceptor interceptor) {
		super.addInterceptor(interceptor);
		addExecutorInterceptor(interceptor);
	}

	/**
	 * Adds an interceptor at an index of the channel's interceptors; as in Spring's
	 * channel, an executor interceptor runs after those added before it.
	 */
	@Override
	public void addInterceptor(int index, ChannelInterceptor interceptor) {
		super.addInterceptor(index, interceptor);
		addExecutorInterceptor(interceptor);
	}

	@Override
	public boolean removeInterceptor(ChannelInterceptor interceptor) {
		removeExecutorInterceptor(interceptor);
		return super.removeInterceptor(interceptor);
	}

	@Override
	public @Nullable ChannelInterceptor removeInterceptor(int index) {
		ChannelInterceptor removed = super.removeInterceptor(index);
		removeExecutorInterceptor(removed);
		return removed;
	}

	private synchronized void addExecutorInterceptor(ChannelInterceptor interceptor) {
		if (interceptor instanceof ExecutorChannelInterceptor executorInterceptor) {
			List<ExecutorChannelInterceptor> interceptors = new ArrayList<>(this.executorInterceptors);
			interceptors.add(executorInterceptor);
			this.executorInterceptors = List.copyOf(interceptors);
		}
	}

	private synchronized void removeExecutorInterceptor(@Nullable ChannelInterceptor interceptor) {
		List<ExecutorChannelInterceptor> interceptors = new ArrayList<>(this.executorInterceptors);
		if (interceptors.remove(interceptor)) {
			this.executorInterceptors = List.copyOf(interceptors);
		}
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
		MessagingException failure = null;
		for (MessageHandler handler : getSubscribers()) {
			try {
				handle(message, handler);
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

	private void handle(Message<?> input, MessageHandler handler) {
		List<ExecutorChannelInterceptor> interceptors = this.executorInterceptors;
		// What afterMessageHandled gets: the input until every beforeHandle has passed.
		Message<?> message = input;
		int applied = 0;
		try {
			Message<?> intercepted = input;
			for (ExecutorChannelInterceptor interceptor : interceptors) {
				intercepted = interceptor.beforeHandle(intercepted, this, handler);
				if (intercepted == null) {
					if (this.logger.isDebugEnabled()) {
						this.logger.debug(interceptor.getClass().getSimpleName()
								+ " returned null from beforeHandle, i.e. precluding the send.");
					}
					afterHandled(interceptors, applied, input, handler, null);
					return;
				}
				applied++;
			}
			message = intercepted;
			handler.handleMessage(message);
			afterHandled(interceptors, applied, message, handler, null);
		}
		catch (Exception ex) {
			afterHandled(interceptors, applied, message, handler, ex);
			throw failure(message, handler, ex);
		}
		catch (Error err) {
			MessagingException ex = failure(message, handler, err);
			afterHandled(interceptors, applied, message, handler, ex);
			throw ex;
		}
	}

	private void afterHandled(List<ExecutorChannelInterceptor> interceptors, int applied, Message<?> message,
			MessageHandler handler, @Nullable Exception ex) {
		for (int i = applied - 1; i >= 0; i--) {
			ExecutorChannelInterceptor interceptor = interceptors.get(i);
			try {
				interceptor.afterMessageHandled(message, this, handler, ex);
			}
			catch (Throwable failure) {
				this.logger.error("Exception from afterMessageHandled in " + interceptor, failure);
			}
		}
	}

	private static MessagingException failure(Message<?> message, MessageHandler handler, Throwable cause) {
		return (cause instanceof MessagingException messaging) ? messaging
				: new MessageDeliveryException(message, "Failed to handle " + message + " in " + handler, cause);
	}

}
