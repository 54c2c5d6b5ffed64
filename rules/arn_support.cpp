#include "arn_support.hpp"

#include <algorithm>

#include "iamlint/ascii.hpp"
#include "iamlint/source.hpp"

namespace iamlint::rules {

namespace {

// The third field of an ARN format ("s3" in "arn:${Partition}:s3:::${BucketName}"); "" when it has none.
std::string_view arn_service_field(std::string_view format) {
    const std::size_t first = format.find(':');
    const std::size_t second = first == std::string_view::npos ? first : format.find(':', first + 1);
    const std::size_t third = second == std::string_view::npos ? second : format.find(':', second + 1);
    if (third == std::string_view::npos) return {};
    return format.substr(second + 1, third - second - 1);
}

// Whether the format's service field is `prefix`, answered for the usual spelling of its first fields
// ("arn:${Partition}:s3:") without searching for colons; arn_service_field answers for the others.
bool usual_field_is(std::string_view format, std::string_view prefix) {
    constexpr std::string_view kUsualStart = "arn:${Partition}:";
    if (!format.starts_with(kUsualStart)) return arn_service_field(format) == prefix;
    format.remove_prefix(kUsualStart.size());
    return format.size() > prefix.size() && format.starts_with(prefix) && format[prefix.size()] == ':';
}

}  // namespace

const ArnCatalog& ArnCatalog::of(const Catalog& catalog, std::optional<ArnCatalog>& local) {
    if (&catalog == &Catalog::builtin()) {
        // Never destroyed: freeing its tables at exit would only cost time.
        static const ArnCatalog& builtin = *new ArnCatalog(Catalog::builtin());
        return builtin;
    }
    local.emplace(catalog);
    return *local;
}

const std::vector<std::string_view>& ArnCatalog::segments(const Service& service) const {
    auto [it, inserted] = segments_.try_emplace(&service);
    if (inserted) {
        std::vector<std::string_view> formats;
        for (const auto& type : service.resource_types) {
            formats.insert(formats.end(), type.arn_formats.begin(), type.arn_formats.end());
        }
        it->second = segment_variables(formats);
    }
    return it->second;
}

std::span<const ArnFormat> ArnCatalog::formats(const Service& service, const ResourceType& type) const {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = by_type_.try_emplace(&type);
    if (inserted) {
        const auto& segment_names = segments(service);
        for (std::string_view format : type.arn_formats) it->second.emplace_back(format, segment_names);
    }
    return it->second;
}

const ArnCatalog::ArnService* ArnCatalog::arn_service(std::string_view name) const {
    if (name.empty()) return nullptr;  // a format without a service field is filed nowhere
    std::lock_guard lock(mutex_);
    if (!indexed_) {
        // Nearly every format names its own service's prefix ("arn:${Partition}:s3:" in s3), which a
        // question about that prefix finds in its service; only the others are listed here. Filing every
        // format of the catalog under its field in a hash map took 1.6 of the 4.7 million instructions
        // of a run on one small policy, and as much again to free at exit.
        indexed_ = true;
        for (const auto& service : catalog_.services()) {
            for (const auto& type : service.resource_types) {
                for (std::string_view format : type.arn_formats) {
                    if (usual_field_is(format, service.prefix)) continue;
                    const std::string_view field = arn_service_field(format);
                    if (!field.empty() && field != service.prefix)
                        strays_.push_back({&service, &type, format, field});
                }
            }
        }
    }
    const std::string key(name);
    auto it = by_arn_service_.find(key);
    if (it == by_arn_service_.end()) {
        auto facts = collect(name);
        if (!facts) {
            // Unknown names come from the input: remembered up to a bound, then worked out each time.
            constexpr std::size_t kMaxUnknown = 4096;
            if (unknown_arn_services_ < kMaxUnknown) {
                ++unknown_arn_services_;
                by_arn_service_.emplace(key, nullptr);
            }
            return nullptr;
        }
        it = by_arn_service_.emplace(key, std::move(facts)).first;
    }
    return it->second.get();
}

// The formats whose service field is `name`, in catalog order (services, their resource types, their
// formats), summarized; nullptr when there are none.
std::unique_ptr<ArnCatalog::ArnService> ArnCatalog::collect(std::string_view name) const {
    auto facts = std::make_unique<ArnService>();
    auto add = [&](const Service& owner, const ResourceType& type, std::string_view format) {
        facts->format_texts.push_back(format);
        facts->owners.push_back(&owner);
        facts->type_names.push_back(type.name);
    };
    // A service's formats of field `name` are its own formats when its prefix is `name`, else some of
    // its strays: walking the services in order keeps the catalog's order.
    auto stray = strays_.begin();
    for (const auto& service : catalog_.services()) {
        if (service.prefix == name) {
            for (const auto& type : service.resource_types) {
                for (std::string_view format : type.arn_formats) {
                    if (usual_field_is(format, name)) add(service, type, format);
                }
            }
        }
        for (; stray != strays_.end() && stray->owner == &service; ++stray) {
            if (stray->field == name) add(service, *stray->type, stray->format);
        }
    }
    summarize(*facts);
    if (facts->format_texts.empty()) return nullptr;
    return facts;
}

void ArnCatalog::summarize(ArnService& facts) {
    facts.summarized = true;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < facts.format_texts.size(); ++i) {
        const auto parts = split_arn(facts.format_texts[i]);
        if (!parts) continue;  // not an ARN after all: left out, as if the catalog did not have it
        facts.any_region = facts.any_region || !parts->region.empty();
        facts.any_account = facts.any_account || !parts->account.empty();
        facts.all_region = facts.all_region && !parts->region.empty();
        facts.all_account = facts.all_account && !parts->account.empty();
        if (!parts->account.empty() && parts->account.find("${") == std::string_view::npos &&
            std::find(facts.literal_accounts.begin(), facts.literal_accounts.end(), parts->account) ==
                facts.literal_accounts.end()) {
            facts.literal_accounts.push_back(parts->account);
        }
        facts.format_texts[kept] = facts.format_texts[i];
        facts.owners[kept] = facts.owners[i];
        facts.type_names[kept] = facts.type_names[i];
        ++kept;
    }
    facts.format_texts.resize(kept);
    facts.owners.resize(kept);
    facts.type_names.resize(kept);
}

std::span<const ArnFormat> ArnCatalog::formats_of(const ArnService& service) const {
    std::lock_guard lock(mutex_);
    if (service.formats.empty()) {
        service.formats.reserve(service.format_texts.size());
        for (std::size_t i = 0; i < service.format_texts.size(); ++i) {
            service.formats.emplace_back(service.format_texts[i], segments(*service.owners[i]));
        }
    }
    return service.formats;
}

std::span<const std::string_view> ArnCatalog::service_names() const {
    std::lock_guard lock(mutex_);
    if (service_names_.empty()) {
        for (const auto& service : catalog_.services()) {
            service_names_.push_back(service.prefix);
            for (const auto& type : service.resource_types) {
                for (std::string_view format : type.arn_formats) {
                    if (auto parts = split_arn(format)) service_names_.push_back(parts->service);
                }
            }
        }
        std::sort(service_names_.begin(), service_names_.end());
        service_names_.erase(std::unique(service_names_.begin(), service_names_.end()), service_names_.end());
    }
    return service_names_;
}

std::string example_arn(std::string_view format, std::string_view partition) {
    std::string arn;
    for (std::size_t i = 0; i < format.size(); ++i) {
        auto close = format.substr(i, 2) == "${" ? format.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            arn += format[i];
            continue;
        }
        std::string_view name = format.substr(i + 2, close - i - 2);
        i = close;
        if (name == "Partition") {
            arn += partition;
            continue;
        }
        // BucketName -> BUCKET_NAME
        for (std::size_t k = 0; k < name.size(); ++k) {
            char c = name[k];
            bool upper = c >= 'A' && c <= 'Z';
            if (upper && k > 0 && !(name[k - 1] >= 'A' && name[k - 1] <= 'Z')) arn += '_';
            arn += upper ? c : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
    }
    return arn;
}

Place narrow_place(const PolicyDocument& document, const Entry& entry, std::size_t offset,
                   std::size_t length) {
    const SourceSpan range = entry.place.range;
    if (length == 0 || offset + length > entry.text.size() || range.empty() || document.source == nullptr) {
        return entry.place;
    }
    std::string_view source = document.source->text();
    if (range.offset + static_cast<std::size_t>(range.length) > source.size()) return entry.place;
    std::string_view token = source.substr(range.offset, range.length);
    if (token.find('\n') != std::string_view::npos) return entry.place;  // a token over several lines
    std::size_t start;
    if (token == entry.text) {
        start = 0;  // a plain YAML scalar
    } else if (token.size() == entry.text.size() + 2 && (token.front() == '"' || token.front() == '\'') &&
               token.back() == token.front() && token.substr(1, entry.text.size()) == entry.text) {
        start = 1;
    } else {
        return entry.place;  // escapes, or a policy inside a string: the characters are elsewhere
    }
    Place narrowed = entry.place;
    narrowed.range = SourceSpan(static_cast<std::uint32_t>(range.offset + start + offset),
                                static_cast<std::uint32_t>(length));
    return narrowed;
}

std::string_view closest_name(std::string_view word, std::span<const std::string_view> candidates) {
    std::string_view best;
    std::size_t best_distance = word.size() / 3 + 1;
    std::vector<std::size_t> row;
    for (std::string_view candidate : candidates) {
        std::size_t longer = std::max(word.size(), candidate.size());
        std::size_t shorter = std::min(word.size(), candidate.size());
        if (longer - shorter >= best_distance) continue;
        // Levenshtein distance, one row at a time.
        row.resize(candidate.size() + 1);
        for (std::size_t j = 0; j <= candidate.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= word.size(); ++i) {
            std::size_t diagonal = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= candidate.size(); ++j) {
                std::size_t above = row[j];
                std::size_t cost = ascii_lower(word[i - 1]) == ascii_lower(candidate[j - 1]) ? 0 : 1;
                row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + cost});
                diagonal = above;
            }
        }
        if (row[candidate.size()] < best_distance) {
            best_distance = row[candidate.size()];
            best = candidate;
        }
    }
    return best_distance == 0 ? std::string_view{} : best;
}

}  // namespace iamlint::rules
