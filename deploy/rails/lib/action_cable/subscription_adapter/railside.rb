# lib/action_cable/subscription_adapter/railside.rb
require "json"
require "net/http"
require "openssl"

module ActionCable
  module SubscriptionAdapter
    # Hands Action Cable broadcasts to Railside's POST /_broadcast, in the order they are made;
    # Railside, not this process, serves the browsers.
    class Railside < Base
      class Error < StandardError; end

      def initialize(*)
        super
        options = @server.config.cable.to_h.transform_keys(&:to_s)
        url = options["url"].to_s
        raise ArgumentError, "config/cable.yml: set url to Railside's address (RAILSIDE_URL)" if url.empty?
        @uri = URI(url.chomp("/") + "/_broadcast")
        @key = ENV["RAILSIDE_CABLE_BROADCAST_KEY"].to_s
        @key = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("RAILSIDE_CABLE_SECRET"), "broadcast-cable") if @key.empty?
        @lock = Mutex.new
      end

      def broadcast(channel, payload)
        request = Net::HTTP::Post.new(@uri)
        request["Authorization"] = "Bearer #{@key}"
        request["Content-Type"] = "application/json"
        request.body = JSON.generate(stream: channel, data: payload)
        response = @lock.synchronize { connection.request(request) } # one at a time: kept in order
        return if response.is_a?(Net::HTTPSuccess)

        raise Error, "Railside answered #{response.code} to a broadcast to #{channel.inspect}: #{response.body}"
      end

      def subscribe(*)
        raise NotImplementedError, "Railside serves Action Cable subscribers: point the browsers at its /cable"
      end

      alias_method :unsubscribe, :subscribe

      def shutdown
        @lock.synchronize do
          @http.finish if @http&.started?
          @http = nil
        end
      end

      private
        def connection # kept alive between broadcasts
          @http = nil unless @http&.started?
          @http ||= Net::HTTP.start(@uri.host, @uri.port, use_ssl: @uri.scheme == "https",
                                    open_timeout: 2, read_timeout: 5)
        end
    end
  end
end
