#include "feed/feed_parser.hpp"

#include "feed/body_encoding.hpp"
#include "feed/cap_index.hpp"
#include "feed/cap_reader.hpp"
#include "feed/feed_text.hpp"
#include "feed/feed_xml_repair.hpp"
#include "feed/json_feed.hpp"
#include "feed/markup_bounds.hpp"
#include "feed/text_encoding.hpp"
#include "feed/xml_feeds.hpp"
#include "feed/xml_reading.hpp"
#include "platform/c_deleter.hpp"
#include "util/ascii.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signage::feed {

namespace {

using XmlDocPtr = std::unique_ptr<xmlDoc, platform::CDeleter<xmlFreeDoc>>;

// The parse options are the security boundary: NOENT/DTDLOAD would expand entities and fetch
// external DTDs, HUGE would lift libxml2's limits on entity amplification and node sizes.
// IGNORE_ENC: the body reaches libxml2 already converted to UTF-8, whatever it declares.
constexpr int kXmlOptions =
    XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;

// libxml2's last message, as one lower-case line without a trailing period.
std::string xml_error_reason()
{
    const xmlError* error = xmlGetLastError();
    std::string message = error && error->message ? error->message : "unreadable document";
    while (!message.empty() && (message.back() == '\n' || message.back() == '.' || message.back() == ' '))
        message.pop_back();
    for (char& c : message) {
        if (c == '\n')
            c = ' ';
    }
    if (!message.empty())
        message.front() = ascii_lower(message.front());
    return repair_utf8(message);
}

// The parser pulls the document through read_chunk, which checks the budget each time: a
// document that takes too long stops at its next read, even inside one huge tag.
struct BudgetedInput {
    std::string_view rest;
    const ParseBudget* budget;
    bool cancelled = false;
    bool too_slow = false;
};

int read_chunk(void* context, char* buffer, int length)
{
    auto& input = *static_cast<BudgetedInput*>(context);
    input.cancelled = input.budget->stop.stop_requested();
    input.too_slow = std::chrono::steady_clock::now() >= input.budget->deadline;
    if (input.cancelled || input.too_slow)
        return -1;
    const std::size_t count = std::min(input.rest.size(), static_cast<std::size_t>(std::max(length, 0)));
    std::copy_n(input.rest.data(), count, buffer);
    input.rest.remove_prefix(count);
    return static_cast<int>(count);
}

Result<XmlDocPtr> read_xml_document(std::string_view utf8, const ParseBudget& budget)
{
    ensure_libxml_ready();
    // The last error is per thread in libxml2, so this does not race with other parsers.
    xmlResetLastError();
    BudgetedInput input{utf8, &budget};
    XmlDocPtr doc{xmlReadIO(read_chunk, nullptr, &input, nullptr, "UTF-8", kXmlOptions)};
    if (input.cancelled)
        return Error{"cancelled: the player is stopping"};
    if (input.too_slow)
        return Error{"refused: parsing it took longer than " + std::to_string(kParseTimeLimit.count()) +
                     " s, far longer than any feed; is the document broken?"};
    return doc;
}

Result<ParsedFeed> read_root(const xmlNode* root, const FeedContext& context);

Result<ParsedFeed> parse_xml(const std::string& utf8, const FeedContext& context, std::vector<std::string>& mended)
{
    const std::string repaired = repair_xml_text(utf8, mended);
    if (repaired.size() > static_cast<std::size_t>(INT_MAX))
        return Error{"body too large for the xml parser"};

    if (auto bounded = check_xml_markup(repaired); !bounded)
        return bounded.error();

    auto doc = read_xml_document(repaired, context.budget);
    if (!doc)
        return doc.error();
    const xmlNode* root = doc.value() ? xmlDocGetRootElement(doc.value().get()) : nullptr;
    if (!root)
        return Error{"not xml: " + xml_error_reason()};

    // Before reading on: html_to_text parses too, and would replace libxml2's last error.
    const xmlError* error = xmlGetLastError();
    const std::string ill_formed = error && error->level >= XML_ERR_ERROR ? xml_error_reason() : std::string{};
    Result<ParsedFeed> feed = read_root(root, context);
    if (feed)
        feed->ill_formed = ill_formed;
    return feed;
}

Result<ParsedFeed> read_feed_root(const xmlNode* root, const FeedContext& context)
{
    const std::string_view name = view(root->name);
    const std::string_view ns = namespace_of(root);
    if (name == "rss" && (ns.empty() || ns == kUserlandRss2Ns))
        return read_rss(root, context);
    if (name == "RDF" && ns == kRdfNs)
        return read_rdf(root, context);
    if (name == "feed" && is_atom_namespace(ns))
        return read_atom(root, context);
    if (name == "feed")
        return Error{"not a feed: root element <feed> is neither atom 1.0 nor atom 0.3"};
    return Error{"not a feed: root element <" + std::string(name) + ">"};
}

// What a source that must hold alerts ([[feed]] kind = "cap") got instead, one line.
Error not_alerts(const Result<ParsedFeed>& read)
{
    const std::string what = read ? "read as " + read->format + ", which holds no CAP alert" : read.error().message;
    return Error{"not a CAP alert or an index of CAP alerts: " + what};
}

// A CAP alert, an alerts index (an Atom or RSS feed of CAP entries), or a feed.
Result<ParsedFeed> read_root(const xmlNode* root, const FeedContext& context)
{
    if (is_cap_alert(root))
        return read_cap_document(root, context);
    Result<ParsedFeed> feed = read_feed_root(root, context);
    if (feed)
        read_alerts_index(root, context, feed.value());
    if (context.expect_alerts && !(feed && feed->alerts_document))
        return not_alerts(feed);
    return feed;
}

}  // namespace

Result<ParsedFeed> parse_feed(std::string_view body, const FeedContext& context)
{
    if (body.size() > kMaxFeedBodyBytes)
        return Error{"body larger than " + std::to_string(kMaxFeedBodyBytes) + " bytes"};
    auto decoded = body_to_utf8(body, context.content_type, !context.local_file, context.default_language);
    if (!decoded)
        return decoded.error();
    const bool json = decoded->syntax == BodySyntax::json;
    std::vector<std::string> mended;
    if (!decoded->note.empty())
        mended.push_back(std::move(decoded->note));
    auto parsed = json ? parse_json_feed(decoded->text, context) : parse_xml(decoded->text, context, mended);
    if (json && context.expect_alerts)
        return not_alerts(parsed);
    if (parsed) {
        parsed->encoding = std::move(decoded->encoding);
        parsed->mended.insert(parsed->mended.begin(), mended.begin(), mended.end());
    }
    return parsed;
}

}  // namespace signage::feed
