// What the ARN rules (invalid-arn, resource-mismatch, invalid-principal) share: the catalog's ARN
// formats compiled for matching, examples of ARNs, and findings narrowed down to a part of a string.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "iamlint/arn.hpp"
#include "iamlint/catalog.hpp"
#include "iamlint/model.hpp"
#include "rule_support.hpp"

namespace iamlint::rules {

// The catalog's ARN formats, compiled on first use. Safe to share between threads.
class ArnCatalog {
public:
    explicit ArnCatalog(const Catalog& catalog) : catalog_(catalog) {}

    // The shared instance of the builtin catalog; for another catalog, `local` is made and returned.
    static const ArnCatalog& of(const Catalog& catalog, std::optional<ArnCatalog>& local);

    // The formats of a resource type of `service`.
    std::span<const ArnFormat> formats(const Service& service, const ResourceType& type) const;

    // What the catalog knows about the ARNs of one ARN service (the third field: "s3", "logs").
    struct ArnService {
        bool any_region = false;                         // some format has a region
        bool any_account = false;                        // some format has an account
        bool all_region = true;                          // every format has a region
        bool all_account = true;                         // every format has an account
        std::vector<std::string_view> literal_accounts;  // "aws": accounts that are words, not ids
        std::vector<std::string_view> format_texts;
        std::vector<const Service*> owners;        // the catalog service of each format
        std::vector<std::string_view> type_names;  // the resource type of each format ("bucket")
        mutable std::vector<ArnFormat> formats;    // compiled by ArnCatalog::formats_of
        bool summarized = false;                   // the flags and accounts above are filled in
    };
    // nullptr when no format of the catalog has this service.
    const ArnService* arn_service(std::string_view name) const;
    // Its formats compiled, in the order of format_texts.
    std::span<const ArnFormat> formats_of(const ArnService& service) const;
    // Every service of an ARN format and every service prefix: the names an ARN's service field can take.
    std::span<const std::string_view> service_names() const;

private:
    const Catalog& catalog_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<const ResourceType*, std::vector<ArnFormat>> by_type_;
    mutable std::unordered_map<const Service*, std::vector<std::string_view>> segments_;
    // The services asked about, by name; nullptr for a name that no format has (a few thousand at most).
    mutable std::unordered_map<std::string, std::unique_ptr<ArnService>> by_arn_service_;
    mutable std::size_t unknown_arn_services_ = 0;
    // The formats whose service field is not their own service's prefix ("arn:...:iam::..." of a service
    // other than iam), in catalog order: the few that a question about a name must look for elsewhere.
    struct StrayFormat {
        const Service* owner;
        const ResourceType* type;
        std::string_view format;
        std::string_view field;
    };
    mutable std::vector<StrayFormat> strays_;
    mutable bool indexed_ = false;
    mutable std::vector<std::string_view> service_names_;

    const std::vector<std::string_view>& segments(const Service& service) const;  // mutex held
    static void summarize(ArnService& facts);                                     // mutex held
    std::unique_ptr<ArnService> collect(std::string_view name) const;             // mutex held
};

// A format written as an example: "arn:aws:s3:::BUCKET_NAME/OBJECT_NAME" for
// "arn:${Partition}:s3:::${BucketName}/${ObjectName}" in partition "aws".
std::string example_arn(std::string_view format, std::string_view partition = "aws");

// The place of `length` characters at `offset` in the entry's string, when the source spells the string
// out as it is (no escapes, one line); otherwise the whole entry. length 0: the whole entry.
Place narrow_place(const PolicyDocument& document, const Entry& entry, std::size_t offset,
                   std::size_t length);

// The candidate closest to `word` by edit distance, case ignored, if it is close enough to be a likely
// typo (at most a third of the word's length); empty otherwise.
std::string_view closest_name(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace iamlint::rules
