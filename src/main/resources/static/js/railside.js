/*
 * Railside test page: opens a raw WebSocket, STOMP over WebSocket or STOMP over SockJS
 * connection and logs what happens. A STOMP connection that is lost after it was up
 * reconnects and subscribes again; with the resume switch on it resumes each subscription
 * from the last position it received, so the messages sent meanwhile fill the gap.
 * Everything from the network goes in with textContent, never innerHTML.
 */
(function () {
	'use strict';

	const element = (id) => document.getElementById(id);
	const ui = {
		transport: element('transport'),
		url: element('url'),
		token: element('token'),
		disconnect: element('disconnect'),
		drop: element('drop'),
		resume: element('resume'),
		destination: element('destination'),
		sendDestination: element('send-destination'),
		body: element('body'),
		debug: element('debug'),
		msg: element('msg')
	};
	const schemes = { raw: ['ws:', 'wss:'], stomp: ['ws:', 'wss:'], sockjs: ['http:', 'https:'] };
	const RECONNECT_DELAY_MS = 2000;

	let connection = null;
	let receipts = 0;

	function timestamp() {
		const now = new Date();
		const pad = (value, width) => String(value).padStart(width, '0');
		return pad(now.getHours(), 2) + ':' + pad(now.getMinutes(), 2) + ':' + pad(now.getSeconds(), 2)
			+ '.' + pad(now.getMilliseconds(), 3);
	}

	function append(pane, ...parts) {
		const line = document.createElement('div');
		line.className = 'line';
		const time = document.createElement('time');
		time.textContent = timestamp();
		line.append(time, ' ', ...parts);
		const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 8;
		pane.append(line);
		if (atBottom) {
			pane.scrollTop = pane.scrollHeight;
		}
	}

	function debug(text) {
		append(ui.debug, text);
	}

	function message(destination, body, position) {
		if (destination === null) {
			append(ui.msg, body);
			return;
		}
		const parts = [];
		if (position) {
			const offset = document.createElement('span');
			offset.className = 'offset';
			offset.title = 'railside-offset (epoch ' + position.epoch + ')';
			offset.textContent = 'offset ' + position.offset;
			parts.push(offset, ' ');
		}
		const where = document.createElement('span');
		where.className = 'destination';
		where.textContent = destination;
		append(ui.msg, ...parts, where, ' ', body);
	}

	function closed(event) {
		const reason = event.reason ? 'reason "' + event.reason + '"' : 'no reason';
		debug('socket closed: code ' + event.code + ', ' + reason);
	}

	function describe(data) {
		return (typeof data === 'string') ? data : '[binary, ' + data.byteLength + ' bytes]';
	}

	function openRaw(url) {
		const socket = new WebSocket(url);
		socket.binaryType = 'arraybuffer';
		const send = (text) => {
			if (socket.readyState !== WebSocket.OPEN) {
				debug('not connected: connect first');
				return;
			}
			socket.send(text);
			debug('sent: ' + text);
		};
		socket.onopen = () => {
			debug('connected...');
			send('hello server');
		};
		socket.onmessage = (event) => message(null, describe(event.data));
		const handle = {
			close: () => socket.close(1000, 'disconnect pressed'),
			drop: () => debug('raw mode does not reconnect: use Disconnect'),
			subscribe: () => debug('raw mode has no subscriptions: it echoes what you send'),
			send: (destination, body) => send(body)
		};
		socket.onerror = () => debug('error: the socket failed (the close code below tells more)');
		socket.onclose = (event) => {
			closed(event);
			forget(handle);
		};
		return handle;
	}

	function openStomp(url, overSockJs) {
		const subscriptions = [];
		let connectedOnce = false;
		// Set when the user disconnects or the server sends an ERROR: reconnecting would
		// only repeat what the server refused.
		let ending = false;
		const client = new StompJs.Client({
			reconnectDelay: RECONNECT_DELAY_MS,
			// When the network goes, heart-beats notice; a browser may take long to close
			// a socket whose peer cannot answer, so stompjs moves on without waiting.
			discardWebsocketOnCommFailure: true,
			// Read the token field at every (re)connect, so a renewed token is used.
			beforeConnect: () => {
				client.connectHeaders = authorization();
			},
			onConnect: (frame) => {
				debug('connected... STOMP ' + frame.headers.version + ' over '
					+ (overSockJs ? 'SockJS (' + client.webSocket.transport + ')' : 'WebSocket'));
				if (connectedOnce) {
					subscriptions.forEach((subscription) => follow(client, subscription, true));
				}
				connectedOnce = true;
			},
			onStompError: (frame) => {
				ending = true;
				debug('error: ' + frame.headers.message + (frame.body ? ': ' + frame.body : ''));
			},
			onWebSocketError: () => debug('error: the socket failed (the close code below tells more)'),
			onWebSocketClose: (event) => {
				closed(event);
				if (ending || !connectedOnce) {
					client.deactivate();
					forget(handle);
					return;
				}
				debug('connection lost: reconnecting in ' + (RECONNECT_DELAY_MS / 1000) + ' s'
					+ (ui.resume.checked ? ', then resuming' : ' (resume is off)'));
			}
		});
		if (overSockJs) {
			client.webSocketFactory = () => new SockJS(url);
		}
		else {
			client.brokerURL = url;
		}
		client.activate();
		const whenConnected = (action) => client.connected ? action() : debug('not connected yet');
		const handle = {
			close: () => {
				ending = true;
				client.deactivate();
			},
			drop: () => whenConnected(() => {
				debug('dropping the connection without a DISCONNECT, as a lost network would');
				client.forceDisconnect();
			}),
			subscribe: (destination) => whenConnected(() => {
				const subscription = { destination: destination, position: null };
				subscriptions.push(subscription);
				follow(client, subscription, false);
			}),
			send: (destination, body) => whenConnected(() => {
				client.publish({ destination: destination, body: body });
				debug('sent to ' + destination + ': ' + body);
			})
		};
		return handle;
	}

	/*
	 * Subscribes, or after a reconnect subscribes again: with the resume switch on and a
	 * position known, from that position, and the RECEIPT says whether every message
	 * since is on its way.
	 */
	function follow(client, subscription, again) {
		const destination = subscription.destination;
		const position = subscription.position;
		const headers = {};
		if (!again) {
			debug('subscribed to ' + destination);
		}
		else if (!ui.resume.checked) {
			debug('subscribed to ' + destination + ' again, without resuming: messages sent while away are lost');
		}
		else if (position === null) {
			debug('subscribed to ' + destination + ' again: no message received yet, so no position to resume from');
		}
		else {
			const receipt = 'resume-' + (++receipts);
			headers['railside-epoch'] = position.epoch;
			headers['railside-offset'] = position.offset;
			headers.receipt = receipt;
			client.watchForReceipt(receipt, (frame) => resumed(subscription, frame.headers));
			debug('resuming ' + destination + ' after offset ' + position.offset + ' (epoch ' + position.epoch + ')');
		}
		client.subscribe(destination, (frame) => {
			const received = positionOf(frame.headers);
			if (received !== null) {
				subscription.position = received;
			}
			message(frame.headers.destination, frame.body, received);
		}, headers);
	}

	function resumed(subscription, headers) {
		const now = positionOf(headers);
		const at = (now !== null) ? '; the topic is at offset ' + now.offset : '';
		if (headers['railside-recovered'] === 'true') {
			debug('resumed ' + subscription.destination + ': recovered, the missed messages follow' + at);
			return;
		}
		// From here on the state to reload reflects the topic's position now.
		if (now !== null) {
			subscription.position = now;
		}
		debug('resumed ' + subscription.destination + ': not recovered (' + headers['railside-reason']
			+ '): messages were missed, reload the state' + at);
	}

	function positionOf(headers) {
		const epoch = headers['railside-epoch'];
		const offset = headers['railside-offset'];
		return (epoch !== undefined && offset !== undefined) ? { epoch: epoch, offset: offset } : null;
	}

	function forget(handle) {
		if (connection === handle) {
			connection = null;
		}
	}

	function authorization() {
		const token = ui.token.value.trim();
		return token ? { Authorization: 'Bearer ' + token } : {};
	}

	function connect() {
		disconnect();
		const transport = ui.transport.value;
		const url = ui.url.value.trim();
		const problem = check(transport, url);
		if (problem) {
			debug('error: ' + problem);
			return;
		}
		debug('connecting to ' + url + ' (' + transport + ')...');
		try {
			connection = (transport === 'raw') ? openRaw(url) : openStomp(url, transport === 'sockjs');
		}
		catch (error) {
			debug('error: ' + error.message);
		}
	}

	function check(transport, url) {
		let parsed;
		try {
			parsed = new URL(url);
		}
		catch (error) {
			return 'not a URL: ' + url;
		}
		if (!schemes[transport].includes(parsed.protocol)) {
			return transport + ' needs a ' + schemes[transport].join('// or ') + '// URL';
		}
		if (transport !== 'raw' && typeof StompJs === 'undefined') {
			return 'the STOMP client script did not load';
		}
		if (transport === 'sockjs' && typeof SockJS === 'undefined') {
			return 'the SockJS client script did not load';
		}
		return null;
	}

	function disconnect() {
		if (connection) {
			debug('disconnecting');
			connection.close();
			connection = null;
		}
	}

	function onSubmit(formId, action) {
		element(formId).addEventListener('submit', (event) => {
			event.preventDefault();
			action();
		});
	}

	function withConnection(action) {
		return () => connection ? action(connection) : debug('not connected: connect first');
	}

	ui.transport.addEventListener('change', () => {
		ui.url.value = ui.transport.selectedOptions[0].dataset.url;
	});
	ui.disconnect.addEventListener('click', withConnection(disconnect));
	ui.drop.addEventListener('click', withConnection((open) => open.drop()));
	onSubmit('connection-form', connect);
	onSubmit('subscribe-form', withConnection((open) => open.subscribe(ui.destination.value.trim())));
	onSubmit('send-form', withConnection((open) => open.send(ui.sendDestination.value.trim(), ui.body.value)));
	connect();
})();
