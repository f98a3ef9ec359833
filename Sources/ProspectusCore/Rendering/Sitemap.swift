/// `sitemap.xml`: every published page, so search engines find courses.
enum Sitemap {
    static func xml(baseURL: String, pages: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in pages.sorted() where path.hasSuffix(".html") && path != "404.html" {
            let url = baseURL + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
            out += "  <url><loc>\(Feeds.xml(url))</loc></url>\n"
        }
        out += "</urlset>\n"
        return out
    }
}
