using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Beacons.NanoSurface;

/// <summary>One thing an assembly uses that the device does not have.</summary>
public sealed record Violation(string Kind, string What)
{
    public override string ToString() => $"{Kind}: {What}";
}

/// <summary>
/// Reads a host-compiled assembly's metadata and lists every type and member it references that
/// the nanoFramework surface lacks, and every use of generics (stable nanoFramework has none).
/// </summary>
public static class SurfaceCheck
{
    /// <summary>
    /// Attributes the C# compiler adds on its own only when the target library defines them: built
    /// against nanoFramework's mscorlib they are simply left out, so their absence there is no fault.
    /// </summary>
    private static readonly HashSet<string> CompilerOptionalAttributes = new(StringComparer.Ordinal)
    {
        "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",
        "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",
        "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
    };

    public static IReadOnlyList<Violation> Check(string assemblyPath, ApiSurface surface, out int referencesChecked)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        var names = new TypeNames(md);
        var violations = new List<Violation>();
        referencesChecked = 0;

        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            string typeName = names.GetTypeFromDefinition(md, handle, 0);
            if (type.GetGenericParameters().Count > 0)
            {
                violations.Add(new Violation("generic type defined", typeName));
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(methodHandle);
                if (method.GetGenericParameters().Count > 0)
                {
                    violations.Add(new Violation("generic method defined", $"{typeName}::{md.GetString(method.Name)}"));
                }
            }
        }

        foreach (TypeSpecificationHandle handle in Rows(md, TableIndex.TypeSpec, MetadataTokens.TypeSpecificationHandle))
        {
            string spec = md.GetTypeSpecification(handle).DecodeSignature(names, null);
            if (spec.Contains('<'))
            {
                violations.Add(new Violation("generic type used", spec));
            }
        }

        foreach (MethodSpecificationHandle handle in Rows(md, TableIndex.MethodSpec, MetadataTokens.MethodSpecificationHandle))
        {
            MethodSpecification spec = md.GetMethodSpecification(handle);
            violations.Add(new Violation("generic method used", MethodName(md, names, spec.Method)));
        }

        foreach (TypeReferenceHandle handle in md.TypeReferences)
        {
            referencesChecked++;
            string typeName = names.GetTypeFromReference(md, handle, 0);
            if (!surface.HasType(typeName) && !CompilerOptionalAttributes.Contains(typeName))
            {
                violations.Add(new Violation("type not on nanoFramework", typeName));
            }
        }

        foreach (MemberReferenceHandle handle in md.MemberReferences)
        {
            MemberReference member = md.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue; // generic parents were reported above; members of our own types need no check
            }

            referencesChecked++;
            string typeName = names.GetTypeFromReference(md, (TypeReferenceHandle)member.Parent, 0);
            if (CompilerOptionalAttributes.Contains(typeName) || !surface.HasType(typeName))
            {
                continue; // a missing type was reported once already
            }

            string name = md.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                if (!surface.HasField(typeName, name))
                {
                    violations.Add(new Violation("field not on nanoFramework", $"{typeName}::{name}"));
                }

                continue;
            }

            MethodSignature<string> signature = member.DecodeMethodSignature(names, null);
            if (!surface.HasMember(typeName, name, signature.ParameterTypes))
            {
                violations.Add(new Violation("member not on nanoFramework", $"{typeName}::{name}({string.Join(", ", signature.ParameterTypes)})"));
            }
        }

        return violations.Distinct().OrderBy(v => v.Kind, StringComparer.Ordinal).ThenBy(v => v.What, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<T> Rows<T>(MetadataReader md, TableIndex table, Func<int, T> handle)
    {
        int count = md.GetTableRowCount(table);
        for (int row = 1; row <= count; row++)
        {
            yield return handle(row);
        }
    }

    private static string MethodName(MetadataReader md, TypeNames names, EntityHandle method)
    {
        if (method.Kind == HandleKind.MethodDefinition)
        {
            MethodDefinition definition = md.GetMethodDefinition((MethodDefinitionHandle)method);
            return $"{names.GetTypeFromDefinition(md, definition.GetDeclaringType(), 0)}::{md.GetString(definition.Name)}";
        }

        MemberReference reference = md.GetMemberReference((MemberReferenceHandle)method);
        string parent = reference.Parent.Kind switch
        {
            HandleKind.TypeReference => names.GetTypeFromReference(md, (TypeReferenceHandle)reference.Parent, 0),
            HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)reference.Parent).DecodeSignature(names, null),
            _ => "?",
        };
        return $"{parent}::{md.GetString(reference.Name)}";
    }

    /// <summary>Type names as the surface file writes them: namespace-qualified, nested types after '+'.</summary>
    private sealed class TypeNames(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            string name = md.GetString(type.Name);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return GetTypeFromDefinition(reader, declaring, rawTypeKind) + "+" + name;
            }

            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference type = md.GetTypeReference(handle);
            string name = md.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, rawTypeKind) + "+" + name;
            }

            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "method pointer";
    }
}
