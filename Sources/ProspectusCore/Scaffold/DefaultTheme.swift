import Foundation

/// The default theme, compiled into the binary so `prospectus init` can write
/// it wherever the binary runs, with no repository or resource bundle beside it.
///
/// The files live in `DefaultTheme.generated.swift`, made from `templates/` by
/// `scripts/embed-theme`; a unit test fails while the two differ.
public enum DefaultTheme {
    /// One theme file as it is stored in the generated source.
    enum EmbeddedFile: Sendable {
        /// UTF-8 text, kept readable so theme changes show in review diffs.
        case text(String, String)
        /// Any other bytes (images, fonts), base64-encoded.
        case base64(String, String)
    }

    /// Every file of the theme: its path below `templates/` and its bytes, sorted by path.
    public static var files: [(path: String, contents: Data)] {
        embedded.map { file in
            switch file {
            case .text(let path, let text): (path, Data(text.utf8))
            // The base64 is generated, never typed by hand; the test that compares
            // the embedded theme with templates/ would catch a bad one.
            case .base64(let path, let encoded): (path, Data(base64Encoded: encoded) ?? Data())
            }
        }
    }
}
