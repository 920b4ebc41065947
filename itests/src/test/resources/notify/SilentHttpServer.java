import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A web endpoint that accepts connections, reads nothing and never answers: the hung webhook of
 * the notifier scenario. Run with {@code java SilentHttpServer.java PORT} inside a namespace.
 */
public class SilentHttpServer {
    public static void main(String[] args) throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + server.getLocalSocketAddress());
            System.out.flush();
            for (int i = 0; i < 10_000; i++) {
                held.add(server.accept());
            }
        }
    }
}
