import logging

import graphene
from django.core.files.base import ContentFile
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType
from graphql import GraphQLError

from common.http_client import fetch_remote_asset, fetch_supplier_asset
from products import exports, repository
from products.loaders import get_loaders
from products.models import Category, Product, ProductImage

log = logging.getLogger(__name__)


def _require_staff(info):
    user = info.context.user
    if not user.is_authenticated or not user.is_staff:
        raise GraphQLError("staff only")
    return user


class CategoryType(DjangoObjectType):
    class Meta:
        model = Category
        fields = ("id", "name", "parent")


class ProductImageType(DjangoObjectType):
    class Meta:
        model = ProductImage
        fields = ("id", "position", "image")


class ProductType(DjangoObjectType):
    class Meta:
        model = Product
        fields = ("id", "sku", "name", "price_cents", "description", "category", "vendor_code", "status")

    stock = graphene.Int(warehouse=graphene.String(required=True))

    def resolve_stock(self, info, warehouse):
        return get_loaders(info).stock(warehouse).load(self.id)


class SearchRow(graphene.ObjectType):
    id = graphene.ID()
    sku = graphene.String()
    name = graphene.String()
    price_cents = graphene.Int()


class Query(graphene.ObjectType):
    search = graphene.List(SearchRow, term=graphene.String(required=True), category=graphene.Int(), sort=graphene.String(), limit=graphene.Int())
    vendor_products = graphene.List(SearchRow, vendor_code=graphene.String(required=True), status=graphene.String())
    stock_report = GenericScalar(warehouse=graphene.String(required=True), since=graphene.String(), order_by=graphene.String())
    products_by_sku = graphene.List(SearchRow, skus=graphene.List(graphene.String, required=True))
    tagged = graphene.List(ProductType, tag=graphene.String(required=True))
    product = graphene.Field(ProductType, sku=graphene.String(required=True))
    cheaper_than = graphene.List(ProductType, max_price_cents=graphene.Int(required=True))
    advanced_filter = graphene.List(ProductType, expression=graphene.String(required=True))

    def resolve_search(root, info, term, category=None, sort="name", limit=50):
        return repository.search_products(term, category, sort, min(limit or 50, 200))

    def resolve_vendor_products(root, info, vendor_code, status="active"):
        return repository.products_by_vendor(vendor_code, status)

    def resolve_stock_report(root, info, warehouse, since=None, order_by="sku"):
        _require_staff(info)
        return repository.stock_report(warehouse, since, order_by)

    def resolve_products_by_sku(root, info, skus):
        return get_loaders(info).product_by_sku.load_many(skus)

    def resolve_tagged(root, info, tag):
        return repository.products_with_tag(tag)

    def resolve_product(root, info, sku):
        return repository.product_by_sku(sku)

    def resolve_cheaper_than(root, info, max_price_cents):
        return repository.cheaper_than(max_price_cents)

    def resolve_advanced_filter(root, info, expression):
        _require_staff(info)
        return repository.products_matching(expression)


class ImportProductImage(graphene.Mutation):
    class Arguments:
        sku = graphene.String(required=True)
        image_url = graphene.String(required=True)
        from_supplier = graphene.Boolean(default_value=False)

    image = graphene.Field(ProductImageType)

    def mutate(root, info, sku, image_url, from_supplier=False):
        _require_staff(info)
        product = Product.objects.get(sku=sku)
        data = fetch_supplier_asset(image_url) if from_supplier else fetch_remote_asset(image_url)
        image = ProductImage(product=product, position=product.images.count())
        image.image.save(f"{sku}-{image.position}.jpg", ContentFile(data), save=True)
        return ImportProductImage(image=image)


class ExportCatalog(graphene.Mutation):
    class Arguments:
        filename = graphene.String(required=True)
        fmt = graphene.String(default_value="csv")
        vendor_code = graphene.String()
        archive = graphene.Boolean(default_value=False)

    path = graphene.String()
    checksum = graphene.String()

    def mutate(root, info, filename, fmt="csv", vendor_code=None, archive=False):
        _require_staff(info)
        qs = Product.objects.all()
        if vendor_code:
            qs = qs.filter(vendor_code=vendor_code)
        rows = list(qs.values(*exports.CSV_FIELDS))
        if fmt == "json":
            path = exports.write_json_export(filename, rows)
        else:
            path = exports.write_csv_export(filename, rows)
        if archive:
            path = exports.compress_export(path, filename.rsplit(".", 1)[0])
        return ExportCatalog(path=path, checksum=exports.export_checksum(path))


class RestoreSnapshot(graphene.Mutation):
    class Arguments:
        snapshot = graphene.String(required=True)

    restored = graphene.Int()

    def mutate(root, info, snapshot):
        _require_staff(info)
        rows = exports.load_snapshot(snapshot)
        repository.bulk_update_prices(rows)
        return RestoreSnapshot(restored=len(rows))


class ImportSupplierBundle(graphene.Mutation):
    class Arguments:
        upload_name = graphene.String(required=True)
        profile = graphene.String()
        mapping = graphene.String()

    imported = graphene.Int()

    def mutate(root, info, upload_name, profile=None, mapping=None):
        _require_staff(info)
        field_map = exports.load_field_mapping(mapping) if mapping else {}
        options = exports.load_supplier_profile(profile) if profile else {}
        count = 0
        for path in exports.extract_supplier_bundle(upload_name):
            if not path.endswith(".csv"):
                continue
            for row in exports.read_supplier_csv(path):
                data = {field_map.get(k, k): v for k, v in row.items()}
                Product.objects.update_or_create(sku=data["sku"], defaults={"name": data.get("name", ""), "vendor_code": options.get("vendor", "")})
                count += 1
        return ImportSupplierBundle(imported=count)


class PurgeDiscontinued(graphene.Mutation):
    class Arguments:
        vendor_code = graphene.String(required=True)
        older_than_days = graphene.String(default_value="90")

    deleted = graphene.Int()

    def mutate(root, info, vendor_code, older_than_days="90"):
        _require_staff(info)
        return PurgeDiscontinued(deleted=repository.purge_discontinued(vendor_code, older_than_days))


class Mutation(graphene.ObjectType):
    import_product_image = ImportProductImage.Field()
    export_catalog = ExportCatalog.Field()
    restore_snapshot = RestoreSnapshot.Field()
    import_supplier_bundle = ImportSupplierBundle.Field()
    purge_discontinued = PurgeDiscontinued.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)
