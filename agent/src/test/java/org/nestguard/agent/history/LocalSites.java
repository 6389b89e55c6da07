package org.nestguard.agent.history;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.GeneralName;
import org.nestguard.protocol.crypto.DeviceKeys;
import org.nestguard.protocol.crypto.TestAuthority;

/**
 * What the real browsers visit in the tests, all on 127.0.0.1: an HTTP server with pages whose titles are the
 * test's own, an HTTPS server with a throwaway certificate answering as www.google.com's search, and an HTTP
 * CONNECT proxy that sends any TLS connection to that server (Firefox has no host-resolver rules; it is pointed
 * at the proxy instead).
 */
final class LocalSites implements AutoCloseable {
    static final String SEARCH_HOST = "www.google.com";

    private final HttpServer pages;
    private final HttpsServer search;
    private final ServerSocket proxy;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-sites");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> titles = new ConcurrentHashMap<>();
    /** Every request the servers answered, "GET host/path", for diagnosing a browser that went elsewhere. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    LocalSites() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        pages = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        pages.createContext("/", exchange -> answer(exchange, titles.get(exchange.getRequestURI().getPath())));
        pages.setExecutor(threads);
        pages.start();

        search = HttpsServer.create(new InetSocketAddress(loopback, 0), 16);
        search.setHttpsConfigurator(new HttpsConfigurator(searchTls()));
        search.createContext("/search", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String q = query == null ? "" : query.replaceFirst("^(?:.*&)?q=([^&]*).*$", "$1");
            answer(exchange, URLDecoder.decode(q, StandardCharsets.UTF_8) + " - Google Search");
        });
        search.createContext("/", exchange -> answer(exchange, null));
        search.setExecutor(threads);
        search.start();

        proxy = new ServerSocket(0, 16, loopback);
        threads.submit(this::proxyLoop);
    }

    /** Serves {@code path} on the HTTP server with {@code title}; returns its URL. */
    String page(String path, String title) {
        titles.put(path, title);
        return "http://127.0.0.1:" + pages.getAddress().getPort() + path;
    }

    int searchPort() {
        return search.getAddress().getPort();
    }

    int proxyPort() {
        return proxy.getLocalPort();
    }

    private void answer(HttpExchange exchange, String title) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Host")
                + exchange.getRequestURI());
        exchange.getRequestBody().readAllBytes();
        byte[] body;
        int status;
        if (title == null) {
            status = 404;
            body = "<!doctype html><title>Not found</title>".getBytes(StandardCharsets.UTF_8);
        } else {
            status = 200;
            body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                    + "<link rel=\"icon\" href=\"data:,\"></head><body><h1>" + escape(title) + "</h1></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static SSLContext searchTls() throws Exception {
        TestAuthority ca = TestAuthority.create("Nestguard history test CA");
        KeyPair keys = DeviceKeys.generate().keyPair();
        Certificate server = ca.issueServer(keys.getPublic(), new GeneralName(GeneralName.dNSName, SEARCH_HOST));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("search", keys.getPrivate(), password, new Certificate[] {server, ca.certificate()});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        return tls;
    }

    private void proxyLoop() {
        while (!proxy.isClosed()) {
            try {
                Socket client = proxy.accept();
                threads.submit(() -> tunnel(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Answers one CONNECT by joining the client to the search server, whatever host it asked for. */
    private void tunnel(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), searchPort())) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            requests.add("PROXY " + head.lines().findFirst().orElse(""));
            if (!head.startsWith("CONNECT ")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            threads.submit(() -> pipe(upstream, client));
            pipe(client, upstream);
        } catch (IOException e) {
            // the browser closed the connection
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // either side closed
        }
    }

    @Override
    public void close() throws IOException {
        pages.stop(0);
        search.stop(0);
        proxy.close();
        threads.shutdownNow();
    }
}
