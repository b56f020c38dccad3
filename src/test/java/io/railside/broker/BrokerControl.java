package io.railside.broker;

import java.util.List;

/**
 * The RabbitMQ the relay tests run against, wherever it runs (a local node driven with
 * {@code rabbitmqctl}, or a container), so that the scenarios are written once.
 */
interface BrokerControl {

	String host();

	int stompPort();

	int amqpPort();

	/**
	 * Stop RabbitMQ's application (the node stays up), and return once it has stopped.
	 */
	void stop();

	/**
	 * Start RabbitMQ's application, and return once its STOMP port accepts connections.
	 */
	void start();

	/**
	 * The queues of the default virtual host, as {@code rabbitmqctl list_queues} shows
	 * them.
	 * @return the queues
	 */
	List<Queue> listQueues();

	/**
	 * A queue as RabbitMQ lists it.
	 *
	 * @param name its name
	 * @param durable whether it survives a broker restart
	 * @param autoDelete whether it goes when its last consumer goes
	 * @param arguments its {@code x-} arguments, as RabbitMQ prints them
	 */
	record Queue(String name, boolean durable, boolean autoDelete, String arguments) {

		/**
		 * Parse the lines of {@code rabbitmqctl -q list_queues --no-table-headers name
		 * durable auto_delete arguments}.
		 * @param output the command's output
		 * @return the queues
		 */
		static List<Queue> parse(String output) {
			return output.lines().filter((line) -> !line.isBlank()).map(Queue::parseLine).toList();
		}

		private static Queue parseLine(String line) {
			String[] columns = line.split("\t", 4);
			if (columns.length < 3) {
				throw new IllegalStateException("Unexpected list_queues line: " + line);
			}
			return new Queue(columns[0], Boolean.parseBoolean(columns[1]), Boolean.parseBoolean(columns[2]),
					(columns.length > 3) ? columns[3] : "");
		}

	}

}
