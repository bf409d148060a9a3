package io.genrestream.app.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * Netty refuses a request whose request line or headers exceed {@code micronaut.server.netty.max-initial-line-length}
 * / {@code max-header-size}, and Micronaut answers every such refusal 413 (Content Too Large); an error route for 413
 * cannot help, as running it rethrows the decoder failure (500). In HTTP's terms an over-long URI is 414 (URI Too Long,
 * RFC 9110) and over-large headers are 431 (RFC 6585): a handler right after Micronaut's HTTP codec (its documented
 * {@link NettyServerCustomizer} hook) answers those two itself and closes the connection, as Netty discards the rest
 * of a refused request.
 */
@Singleton
public class OversizedRequests implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final String HANDLER_NAME = "genre-oversized-requests";
    private static final ChannelHandler HANDLER = new Refusal();

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** Adds {@link Refusal} to each HTTP/1 connection's pipeline. */
    private record Customizer(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(HANDLER_NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER_NAME, HANDLER);
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class Refusal extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                if (cause instanceof TooLongHttpLineException) {
                    refuse(ctx, msg, HttpResponseStatus.REQUEST_URI_TOO_LONG,
                            "the request line (method and URI) is too long: " + cause.getMessage());
                    return;
                }
                if (cause instanceof TooLongHttpHeaderException) {
                    refuse(ctx, msg, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                            "the request headers are too large: " + cause.getMessage());
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private static void refuse(ChannelHandlerContext ctx, Object msg, HttpResponseStatus status, String message) {
            ReferenceCountUtil.release(msg);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
