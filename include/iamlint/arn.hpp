// ARNs as IAM policies write them (arn:partition:service:region:account:resource, with wildcards and
// policy variables), their syntax, and whether a policy's ARN pattern can match a catalog ARN format.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint {

struct ArnParts {
    std::string_view partition;
    std::string_view service;
    std::string_view region;
    std::string_view account;
    std::string_view resource;  // everything after the fifth colon, colons included
};

// nullopt unless the text starts with "arn:" and has at least six colon-separated fields. A colon inside
// a "${...}" (a policy variable such as ${aws:PrincipalAccount}) does not separate fields.
std::optional<ArnParts> split_arn(std::string_view text);

// True when the resource string matches every resource of every service: "*", or an ARN whose
// partition, service, region and account are "*" (or empty) and whose resource part is only "*"s.
bool matches_every_resource(std::string_view resource);

// The partitions AWS has: "aws", "aws-cn", "aws-us-gov", the isolated ones and the European
// Sovereign Cloud.
std::span<const std::string_view> known_partitions();

// Whether a piece of an ARN pattern holds `*`, `?` or a policy variable, so that its value is not known
// until a request is evaluated. "${*}", "${?}" and "${$}" are the literal characters, not wildcards.
bool has_wildcard_or_variable(std::string_view text);

// The fields of an ARN, in order.
enum class ArnField : std::uint8_t { Prefix, Partition, Service, Region, Account, Resource };
std::string_view to_string(ArnField field);  // "prefix", "partition", "service", ...

// A syntax problem of an ARN, and which characters of the text it is about.
struct ArnProblem {
    ArnField field = ArnField::Prefix;
    std::size_t offset = 0;  // into the text
    std::size_t length = 0;  // 0: the text as a whole
    std::string message;
};

// The first syntax problem of an ARN written in a policy: the "arn:" prefix, six fields, a known partition,
// a service name, a region name, a 12-digit account id or "aws" (AWS-owned resources). `literal_accounts`
// are other words that the service's ARNs use in the account field ("offering"). Wildcards
// and policy variables are allowed in every field; what they leave open is not judged.
std::optional<ArnProblem> check_arn_syntax(std::string_view text,
                                           std::span<const std::string_view> literal_accounts = {});

// A region name such as "us-east-1", "us-gov-west-1", "cn-north-1", "eusc-de-east-1".
bool is_region_name(std::string_view text);
// Exactly 12 decimal digits.
bool is_account_id(std::string_view text);

// One step of a compiled pattern: a literal character, or a run of characters outside a class. The
// classes only ever exclude '/' and ':', the separators of ARNs.
struct ArnToken {
    enum Kind : std::uint8_t { Literal, One, Run };  // a character; exactly one; zero or more
    Kind kind = Literal;
    char c = 0;                 // Literal
    std::uint8_t excluded = 0;  // One and Run: kExcludeSlash | kExcludeColon
    static constexpr std::uint8_t kExcludeSlash = 1;
    static constexpr std::uint8_t kExcludeColon = 2;
};

// What a token sequence says about the colons of the strings it accepts; can_match rules most pairs out
// with it before searching, and it is worked out once per compiled pattern or format.
struct ColonShape {
    static constexpr std::size_t kPlaces = 6;
    std::size_t literal_colons = 0;
    // Literal colons before the first token that may stand for a ':': each string's first colons.
    std::size_t leading_colons = 0;
    bool colon_free = true;  // no token but its literal colons stands for a ':'
    // The token after each of the first kPlaces literal colons: the fields of an ARN.
    std::array<std::size_t, kPlaces> after_colon{};
};

// A policy's resource string compiled for matching: `*` spans every character, '/' and ':' included, as
// IAM's wildcard does; `?` is one character; a policy variable (${aws:username}) stands for any value.
// The confined reading takes an ARN with all six fields field by field: a wildcard of the partition,
// service, region or account stands for a value of that field, which never holds a ':'.
class ArnPattern {
public:
    explicit ArnPattern(std::string_view text);
    std::string_view text() const { return text_; }
    std::span<const ArnToken> tokens() const { return tokens_; }
    std::span<const ArnToken> confined_tokens() const { return confined_; }
    const ColonShape& tokens_shape() const { return tokens_shape_; }
    const ColonShape& confined_shape() const { return confined_shape_; }
    // The tokens of the resource part (after the fifth field separator); npos when the pattern has fewer
    // than six fields.
    std::size_t resource_start() const { return resource_start_; }

private:
    std::string_view text_;
    std::vector<ArnToken> tokens_;
    std::vector<ArnToken> confined_;
    ColonShape tokens_shape_, confined_shape_;
    std::size_t resource_start_ = std::string_view::npos;
};

// A catalog ARN format ("arn:${Partition}:s3:::${BucketName}/${ObjectName}") compiled for matching. A
// ${Variable} is a run of characters, possibly empty (AWS-owned resources have no account:
// arn:aws:ssm:us-east-1::parameter/aws/service/...). In the partition, region and account fields it has
// no ':'. In the resource part it:
// - contains no '/' when another format of the service has the same text up to this variable and then a
//   '/', so that it is one segment of a path there: ${BucketName} of "arn:${Partition}:s3:::${BucketName}"
//   because of "arn:${Partition}:s3:::${BucketName}/${ObjectName}" (`segment_variables` lists such
//   prefixes, see below),
// - contains no ':' unless it ends the format: resource names may hold colons (object keys, AWS Backup's
//   RDS snapshots "awsbackup:job-..."), and AWS writes log group ARNs as `log-group:NAME:*`.
// A literal `*` in a format stands for any value of its field.
class ArnFormat {
public:
    ArnFormat(std::string_view format, std::span<const std::string_view> segment_variables);
    std::string_view text() const { return text_; }
    std::string_view service() const { return parts_.service; }  // "s3"
    std::string_view region() const { return parts_.region; }    // "${Region}", or empty
    std::string_view account() const { return parts_.account; }  // "${Account}", "aws", or empty
    std::span<const ArnToken> tokens() const { return tokens_; }
    // The same with no ':' in a variable that ends the format either.
    std::span<const ArnToken> strict_tokens() const { return strict_; }
    const ColonShape& tokens_shape() const { return tokens_shape_; }
    const ColonShape& strict_shape() const { return strict_shape_; }
    std::size_t resource_start() const { return resource_start_; }
    // Unique to each format compiled (a copy shares it: same tokens), never reused, so that answers
    // about it can be remembered without knowing how long it lives.
    std::uint64_t serial() const { return serial_; }

private:
    std::string_view text_;
    std::uint64_t serial_;
    ArnParts parts_;
    std::vector<ArnToken> tokens_;
    std::vector<ArnToken> strict_;
    ColonShape tokens_shape_, strict_shape_;
    std::size_t resource_start_ = 0;
};

// Each format's text up to the end of a ${Variable} that a '/' follows:
// "arn:${Partition}:s3:::${BucketName}".
std::vector<std::string_view> segment_variables(std::span<const std::string_view> formats);

// Whether some ARN matches both the policy's pattern and the catalog's format: in the confined reading of
// the pattern against the format, or in IAM's reading (wildcards span fields) against the strict format.
// The first covers ids with colons ("snapshot:awsbackup:*", "log-group:NAME:*"), the second patterns
// whose wildcards cover fields ("arn:aws:logs:*:*:/aws-glue/*" covers "log-group" with the account's
// `*`). ASCII letters compare without regard to case, so that a doubt leans towards a match.
bool can_match(const ArnPattern& pattern, const ArnFormat& format);
// The same for the resource parts only (both must have six fields).
bool can_match_resource(const ArnPattern& pattern, const ArnFormat& format);

}  // namespace iamlint
