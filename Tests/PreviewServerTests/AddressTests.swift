import NIOCore
import Testing

@testable import PreviewServer

@Suite("Preview server: addresses")
struct AddressTests {
    @Test("loopback hosts are recognised; anything else shares the preview with the network")
    func loopback() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"] {
            #expect(PreviewServer.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "example.org", "127.0.0.1.example.org", "127.0.0", "1270.0.0.1"] {
            #expect(!PreviewServer.isLoopback(host), "\(host)")
        }
    }

    @Test("the printed address has the real port, and IPv6 hosts in brackets")
    func url() {
        #expect(PreviewServer.url(host: "127.0.0.1", port: 8000) == "http://127.0.0.1:8000/")
        #expect(PreviewServer.url(host: "::1", port: 41234) == "http://[::1]:41234/")
    }

    @Test("the event stream message is one reload event")
    func reloadEvent() {
        #expect(String(buffer: PreviewResponder.reloadEvent("abc-3")) == "event: reload\ndata: abc-3\n\n")
    }
}

@Suite("Preview server: Host header")
struct HostHeaderTests {
    @Test("a Host naming this computer is accepted, with or without a port; any other name is not")
    func loopbackAuthority() {
        for authority in [nil, "", "localhost", "localhost:8000", "LocalHost:1", "a.localhost:8000", "localhost.", "127.0.0.1:8000", "127.9.9.9", "[::1]:8000", "[::1]"] {
            #expect(PreviewResponder.isLoopbackAuthority(authority), "\(authority ?? "nil")")
        }
        for authority in ["example.org", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example", "[::2]:8000", "[::1", "0.0.0.0:8000", "192.168.0.1"] {
            #expect(!PreviewResponder.isLoopbackAuthority(authority), "\(authority)")
        }
    }
}
