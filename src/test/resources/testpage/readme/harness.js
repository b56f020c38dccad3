/*
 * Drives the README's realtime.js for ReadmeStompjsBrowserTests: each message it hands over
 * goes into #msg as "<railside-offset> <body>", each reload and socket close into #debug.
 */
import { client, follow } from "/realtime.js";

function show(pane, text) {
	const line = document.createElement("div");
	line.textContent = text;
	document.getElementById(pane).append(line);
}

// realtime.js leaves this callback to the page.
client.onWebSocketClose = () => show("debug", "socket closed");

window.readme = {
	client,
	connected: () => new Promise((resolve) => {
		const poll = setInterval(() => {
			if (client.connected) {
				clearInterval(poll);
				resolve();
			}
		}, 20);
	}),
	follow: (destination, position) => follow(destination,
		(message) => show("msg", message.headers["railside-offset"] + " " + message.body),
		(reason) => show("debug", "reload: " + reason), position)
};
show("debug", "module loaded");
